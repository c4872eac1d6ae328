import type { JobLogger } from './job-context.js';
import { nextDailyRun } from './next-daily-run.js';

/** The clock a scheduler runs on; the default is the global one, which fake timers replace. */
export interface SchedulerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What `scheduleDaily` runs, and when. */
export interface DailyScheduleProps {
  /** For the log lines. */
  readonly name: string;
  /** Local time of day. */
  readonly hour: number;
  readonly minute: number;
  /**
   * Runs every this many milliseconds (counted from the end of the previous run) instead of at
   * `hour:minute` every day; `[cleanup] interval_minutes`.
   */
  readonly everyMs?: number;
  readonly run: () => Promise<void>;
  readonly logger: JobLogger;
  readonly clock?: SchedulerClock;
}

/** A running daily schedule. */
export interface DailySchedule {
  /** When the job runs next; null once stopped. */
  readonly nextRunAt: Date | null;
  /** Cancels the next run and waits for a running one to finish. */
  stop(): Promise<void>;
}

const globalClock: SchedulerClock = {
  now: () => Date.now(),
  // Unref'd: a pending daily job must not keep a stopping process alive.
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Runs `run` every day at local `hour:minute`. A run that throws is logged and the schedule goes
 * on; the next run is computed when one ends, so runs never overlap. A timer that fires early
 * (clock adjustments) waits again for the rest.
 *
 * @example
 * const snapshot = scheduleDaily({ name: 'snapshot', hour: 1, minute: 0, logger, run: () => takeDailySnapshot(ctx) });
 * await snapshot.stop();
 */
export function scheduleDaily(props: DailyScheduleProps): DailySchedule {
  const clock = props.clock ?? globalClock;
  let timer: unknown = null;
  let nextRunAt: Date | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const arm = (at: Date): void => {
    nextRunAt = at;
    timer = clock.setTimeout(fire, Math.max(0, at.getTime() - clock.now()));
  };
  const armNext = (): void => {
    const at =
      props.everyMs !== undefined && props.everyMs > 0
        ? new Date(clock.now() + props.everyMs)
        : nextDailyRun(new Date(clock.now()), props.hour, props.minute);
    props.logger.info({ job: props.name, at: at.toISOString() }, `next ${props.name} scheduled`);
    arm(at);
  };
  function fire(): void {
    timer = null;
    if (stopped || nextRunAt === null) return;
    if (clock.now() < nextRunAt.getTime()) return arm(nextRunAt);
    running = props
      .run()
      .catch((error: unknown) => {
        props.logger.error(
          { job: props.name, err: error instanceof Error ? error.message : String(error) },
          `${props.name} failed`,
        );
      })
      .finally(() => {
        running = null;
        if (!stopped) armNext();
      });
  }

  armNext();
  return {
    get nextRunAt() {
      return stopped ? null : nextRunAt;
    },
    async stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
