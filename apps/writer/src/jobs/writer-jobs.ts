import type { Kysely } from 'kysely';
import type { CleanupConfig, SnapshotConfig } from '@meshview/config';
import type { Database, DialectName } from '@meshview/db';
import { scheduleDaily, type DailySchedule, type SchedulerClock } from './daily-scheduler.js';
import { takeDailySnapshot } from './daily-snapshot-job.js';
import type { JobContext, JobLogger } from './job-context.js';
import { runRetention } from './retention-job.js';

/** What the writer's daily jobs need. */
export interface WriterJobsProps {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Where the jobs log: the `[logging] db_cleanup_logfile` logger, as in MeshView. */
  readonly logger: JobLogger;
  readonly cleanup: Pick<CleanupConfig, 'enabled' | 'daysToKeep' | 'hour' | 'minute' | 'vacuum'>;
  readonly snapshot: Pick<SnapshotConfig, 'hour' | 'minute'>;
  /** Rows per retention transaction; default 5,000. */
  readonly retentionBatchSize?: number;
  readonly clock?: SchedulerClock;
}

/** The running jobs. */
export interface WriterJobs {
  readonly schedules: readonly DailySchedule[];
  /** Cancels the pending runs and waits for running ones. */
  stop(): Promise<void>;
}

/**
 * Schedules the daily snapshot (`[snapshot] hour:minute`) and, when `[cleanup] enabled`, the
 * retention (`[cleanup] hour:minute`), both in local time.
 */
export function scheduleWriterJobs(props: WriterJobsProps): WriterJobs {
  const { clock, logger, cleanup, snapshot } = props;
  const ctx: JobContext = {
    db: props.db,
    dialect: props.dialect,
    logger,
    now: () => new Date(clock ? clock.now() : Date.now()),
  };
  const schedules = [
    scheduleDaily({
      name: 'daily snapshot',
      ...snapshot,
      logger,
      clock,
      run: async () => void (await takeDailySnapshot(ctx)),
    }),
  ];
  if (cleanup.enabled) {
    const options = {
      daysToKeep: cleanup.daysToKeep,
      vacuum: cleanup.vacuum,
      batchSize: props.retentionBatchSize,
    };
    schedules.push(
      scheduleDaily({
        name: 'cleanup',
        hour: cleanup.hour,
        minute: cleanup.minute,
        logger,
        clock,
        run: async () => void (await runRetention(ctx, options)),
      }),
    );
  }
  return {
    schedules,
    stop: async () => {
      await Promise.all(schedules.map((s) => s.stop()));
    },
  };
}
