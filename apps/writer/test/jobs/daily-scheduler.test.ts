import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scheduleDaily, type SchedulerClock } from '../../src/jobs/daily-scheduler.js';
import { recordingLogger } from './logger.js';

const local = (d: number, h: number, min = 0): Date => new Date(2026, 2, d, h, min);
const MINUTE = 60_000;

describe('scheduleDaily', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(local(10, 0, 30));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs every everyMs after the end of the last run when given ([cleanup] interval_minutes)', async () => {
    const run = vi.fn(async () => {});
    const schedule = scheduleDaily({
      name: 'cleanup',
      hour: 1,
      minute: 0,
      everyMs: 5 * MINUTE,
      run,
      logger: recordingLogger(),
    });
    expect(schedule.nextRunAt).toEqual(local(10, 0, 35));
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(run).toHaveBeenCalledTimes(1);
    expect(schedule.nextRunAt).toEqual(local(10, 0, 40));
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(run).toHaveBeenCalledTimes(3);
    await schedule.stop();
  });

  it('runs at the local time every day', async () => {
    const run = vi.fn(async () => {});
    const schedule = scheduleDaily({
      name: 'snapshot',
      hour: 1,
      minute: 0,
      run,
      logger: recordingLogger(),
    });
    expect(schedule.nextRunAt).toEqual(local(10, 1));
    await vi.advanceTimersByTimeAsync(30 * MINUTE - 1);
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    expect(schedule.nextRunAt).toEqual(local(11, 1));
    await vi.advanceTimersByTimeAsync(24 * 60 * MINUTE);
    expect(run).toHaveBeenCalledTimes(2);
    expect(schedule.nextRunAt).toEqual(local(12, 1));
    await schedule.stop();
    expect(schedule.nextRunAt).toBeNull();
    await vi.advanceTimersByTimeAsync(48 * 60 * MINUTE);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('logs a failed run and keeps the schedule', async () => {
    const logger = recordingLogger();
    const run = vi.fn(() => Promise.reject(new Error('database is locked')));
    const schedule = scheduleDaily({ name: 'cleanup', hour: 2, minute: 15, run, logger });
    await vi.advanceTimersByTimeAsync(24 * 60 * MINUTE);
    expect(run).toHaveBeenCalledTimes(1);
    expect(logger.lines).toContainEqual({
      level: 'error',
      fields: { job: 'cleanup', err: 'database is locked' },
      message: 'cleanup failed',
    });
    expect(schedule.nextRunAt).toEqual(local(11, 2, 15));
    await schedule.stop();
  });

  it('waits for a running job on stop, and never overlaps runs', async () => {
    let finish: () => void = () => {};
    const run = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const schedule = scheduleDaily({
      name: 'cleanup',
      hour: 1,
      minute: 0,
      run,
      logger: recordingLogger(),
    });
    await vi.advanceTimersByTimeAsync(30 * MINUTE);
    // Still running a day later: no second run.
    await vi.advanceTimersByTimeAsync(24 * 60 * MINUTE);
    expect(run).toHaveBeenCalledTimes(1);
    let stopped = false;
    const stopping = schedule.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
  });

  it('runs on an injected clock, waiting again when its timer fires early', () => {
    let now = local(10, 0, 59).getTime();
    const timers: { at: number; callback: () => void }[] = [];
    const clock: SchedulerClock = {
      now: () => now,
      setTimeout: (callback, ms) => timers.push({ at: now + ms, callback }),
      clearTimeout: () => {},
    };
    const run = vi.fn(async () => {});
    scheduleDaily({ name: 'snapshot', hour: 1, minute: 0, run, logger: recordingLogger(), clock });
    expect(timers.at(-1)!.at).toBe(local(10, 1).getTime());
    now += 30_000; // the timer fires half a minute early (the clock was set back)
    timers.at(-1)!.callback();
    expect(run).not.toHaveBeenCalled();
    expect(timers.at(-1)!.at).toBe(local(10, 1).getTime());
    now = local(10, 1).getTime();
    timers.at(-1)!.callback();
    expect(run).toHaveBeenCalledTimes(1);
  });
});
