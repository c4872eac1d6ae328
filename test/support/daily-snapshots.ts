/**
 * Takes `daily_snapshot` rows with the writer's own job, as the writer's scheduler would at each
 * of the given times, for tests of what reads them.
 */
import type { Kysely } from 'kysely';
import type { Database, DialectName } from '@meshview/db';
import { takeDailySnapshot } from '../../apps/writer/src/jobs/daily-snapshot-job.js';

const silentLogger = { info() {}, warn() {}, error() {} };

/** Runs the writer's daily snapshot job once at each of `times`, in order. */
export async function takeDailySnapshotsAt(
  db: Kysely<Database>,
  dialect: DialectName,
  times: readonly Date[],
): Promise<void> {
  for (const at of times) {
    await takeDailySnapshot({ db, dialect, logger: silentLogger, now: () => at });
  }
}
