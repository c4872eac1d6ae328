import { setTimeout as sleep } from 'node:timers/promises';
import { DatabaseAccessError } from '@meshview/db/connection';
import type { DatabaseStatus } from './database-status.js';
import { MigrateError } from './errors.js';
import { silentLogger, type MigrationLogger } from './migration-logger.js';

/** Anything that can say where the database stands; a Migrator is one. */
export interface StatusSource {
  status(): Promise<DatabaseStatus>;
}

/** How long to wait: MeshView's 30 tries, 2 s apart, by default. */
export interface WaitOptions {
  readonly maxRetries?: number;
  readonly retryDelayMs?: number;
  /**
   * How often to look within a try (`retryDelayMs` by default): a waiting reader looks every
   * 250 ms, so that it serves soon after the migration ends, while its log and its deadline
   * still count tries `retryDelayMs` apart.
   */
  readonly pollMs?: number;
  /**
   * Called once, when the first try finds the schema not yet current: the wait begins (a reader
   * starts its slower preparations then, so that they overlap the wait).
   */
  readonly onWait?: () => void;
  readonly logger?: MigrationLogger;
  readonly signal?: AbortSignal;
}

/**
 * Polls until the database is at the scripts' head with no migration running, and returns its
 * status (a flag whose migrator is gone does not count as running). A database at a
 * revision the scripts do not have fails at once, naming both revisions, and so does a
 * `DatabaseAccessError` (no grant, a file or folder this user may not read, no such database,
 * nothing listening: waiting would not help); other errors while reading (say, the database
 * file does not exist yet) count as tries. Timing out throws with the last
 * current revision, head and flag in the message.
 *
 * @example await waitForMigrations(migrator, { maxRetries: 30, retryDelayMs: 2000 });
 */
export async function waitForMigrations(
  source: StatusSource,
  options: WaitOptions = {},
): Promise<DatabaseStatus> {
  const { maxRetries = 30, retryDelayMs = 2000, logger = silentLogger, signal } = options;
  const pollMs = Math.max(1, Math.min(options.pollMs ?? retryDelayMs, retryDelayMs));
  let last = 'no answer from the database yet';
  /** The status when the schema is current; otherwise undefined, with `last` saying why. */
  const look = async (): Promise<DatabaseStatus | undefined> => {
    try {
      const status = await source.status();
      if (status.state === 'current' && !status.flag?.inProgress) return status;
      if (status.state === 'unknown' || status.state === 'retired') {
        throw new MigrateError(
          status.state === 'retired' ? 'MIGRATE_RETIRED_REVISION' : 'MIGRATE_DATABASE_AHEAD',
          `the database is at ${status.current.join(', ')}, which these scripts (head ` +
            `${status.head ?? 'none'}) do not have: newer code migrated it, or it needs ` +
            `another tool first; not waiting`,
        );
      }
      last = status.summary;
    } catch (error) {
      if (error instanceof MigrateError || error instanceof DatabaseAccessError) throw error;
      last = `cannot read the schema state: ${(error as Error).message ?? String(error)}`;
    }
    return undefined;
  };
  for (let attempt = 1; attempt <= maxRetries; attempt++) {
    const status = await look();
    if (status !== undefined) return status;
    if (attempt === 1) options.onWait?.();
    logger.info({ attempt, maxRetries, state: last }, 'waiting for the schema to be current');
    if (attempt === maxRetries) break;
    // The rest of this try, looking every `pollMs`; the next try looks at its end.
    const tryEnds = performance.now() + retryDelayMs;
    for (;;) {
      const left = tryEnds - performance.now();
      await sleep(Math.max(0, Math.min(pollMs, left)), undefined, { signal });
      if (left <= pollMs) break;
      const polled = await look();
      if (polled !== undefined) return polled;
    }
  }
  throw new MigrateError(
    'MIGRATE_WAIT_TIMEOUT',
    `the schema did not become current after ${maxRetries} tries ${retryDelayMs} ms apart: ` +
      `${last.replace(/\.$/, '')}. ` +
      'Is the writer running? Its log says why it has not migrated.',
  );
}
