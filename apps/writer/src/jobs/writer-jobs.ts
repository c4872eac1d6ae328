import type { Kysely } from 'kysely';
import type { CleanupConfig, SnapshotConfig } from '@meshview/config';
import type { Database, DialectName } from '@meshview/db';
import { backupSqlite } from './backup/sqlite-backup.js';
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
  readonly cleanup: Pick<CleanupConfig, 'enabled' | 'daysToKeep' | 'hour' | 'minute' | 'vacuum'> &
    Partial<Pick<CleanupConfig, 'intervalMinutes'>>;
  readonly snapshot: Pick<SnapshotConfig, 'hour' | 'minute'>;
  /** `[cleanup] backup_*`; none when absent. */
  readonly backup?: Pick<
    CleanupConfig,
    'backupEnabled' | 'backupDir' | 'backupHour' | 'backupMinute' | 'backupKeep'
  >;
  /** The SQLite file, which the backup copies; null on PostgreSQL. */
  readonly sqliteFile?: string | null;
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
 * Schedules the daily snapshot (`[snapshot] hour:minute`), when `[cleanup] enabled` the
 * retention (`[cleanup] hour:minute`), and when `[cleanup] backup_enabled` on SQLite the backup
 * (`[cleanup] backup_hour:backup_minute`), all in local time. On PostgreSQL `backup_enabled` is
 * answered with one log line: backups there are `pg_dump`'s job.
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
        everyMs: (cleanup.intervalMinutes ?? 0) * 60_000,
        logger,
        clock,
        run: async () => void (await runRetention(ctx, options)),
      }),
    );
  }
  const { backup, sqliteFile } = props;
  if (backup?.backupEnabled && (props.dialect !== 'sqlite' || !sqliteFile)) {
    logger.info(
      { backupEnabled: true },
      '[cleanup] backup_enabled: the writer backs up SQLite databases only; back PostgreSQL ' +
        "up with pg_dump (docs/DEPLOY.md, 'Backups')",
    );
  } else if (backup?.backupEnabled && sqliteFile) {
    schedules.push(
      scheduleDaily({
        name: 'backup',
        hour: backup.backupHour,
        minute: backup.backupMinute,
        logger,
        clock,
        run: async () =>
          void (await backupSqlite({
            database: sqliteFile,
            dir: backup.backupDir,
            keep: backup.backupKeep,
            logger,
            now: ctx.now,
          })),
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
