import { afterEach, describe, expect, it } from 'vitest';
import { nextDailyRun } from '../../src/jobs/next-daily-run.js';

const local = (y: number, m: number, d: number, h = 0, min = 0, s = 0): Date =>
  new Date(y, m - 1, d, h, min, s);

describe('nextDailyRun', () => {
  const tz = process.env.TZ;
  afterEach(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  it("is today's time while it is ahead, tomorrow's from that minute on", () => {
    expect(nextDailyRun(local(2026, 3, 10, 1, 59, 59), 2, 0)).toEqual(local(2026, 3, 10, 2, 0));
    expect(nextDailyRun(local(2026, 3, 10, 2, 0), 2, 0)).toEqual(local(2026, 3, 11, 2, 0));
    expect(nextDailyRun(local(2026, 3, 10, 23, 0), 2, 0)).toEqual(local(2026, 3, 11, 2, 0));
  });

  it('rolls over month and year ends', () => {
    expect(nextDailyRun(local(2026, 1, 31, 12), 1, 30)).toEqual(local(2026, 2, 1, 1, 30));
    expect(nextDailyRun(local(2026, 12, 31, 12), 0, 0)).toEqual(local(2027, 1, 1, 0, 0));
  });

  it('keeps the local clock time across daylight saving changes', () => {
    process.env.TZ = 'America/Los_Angeles';
    // 2026-03-08: clocks jump from 02:00 to 03:00; 2026-11-01: back from 02:00 to 01:00.
    const spring = nextDailyRun(local(2026, 3, 7, 12), 2, 30);
    expect(spring.toISOString()).toBe('2026-03-08T10:30:00.000Z'); // 03:30 PDT, the first instant after
    const afterSpring = nextDailyRun(local(2026, 3, 8, 12), 1, 0);
    expect(afterSpring.toISOString()).toBe('2026-03-09T08:00:00.000Z'); // 01:00 PDT
    const fall = nextDailyRun(local(2026, 10, 31, 12), 4, 0);
    expect(fall.toISOString()).toBe('2026-11-01T12:00:00.000Z'); // 04:00 PST, 25 h later
  });
});
