import { sql, type QueryExecutorProvider } from 'kysely';
import type { LockHolder } from './lock-holder.js';

/** MeshView's own statement for its singleton status row; the engine adds columns to it. */
export const STATUS_TABLE_DDL =
  'CREATE TABLE IF NOT EXISTS migration_status (id INTEGER PRIMARY KEY CHECK (id = 1), ' +
  'in_progress BOOLEAN NOT NULL DEFAULT FALSE, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)';

/** The columns the engine adds to MeshView's three, all nullable so MeshView can still write it. */
export const STATUS_EXTRA_COLUMNS: Readonly<Record<string, string>> = {
  lock_token: 'VARCHAR(64)',
  owner_host: 'VARCHAR(255)',
  owner_pid: 'INTEGER',
  heartbeat_us: 'BIGINT',
  started_us: 'BIGINT',
  from_revision: 'VARCHAR(255)',
  to_revision: 'VARCHAR(255)',
  last_error: 'TEXT',
};

/** The "migration in progress" flag and the last run's facts, as readers see them. */
export interface MigrationFlag {
  /**
   * A migration runs: the flag is set and its migrator is alive (it holds the migration lock), or
   * whether it is alive could not be told (see `livenessUnknown`), and the flag is taken at its
   * word.
   */
  readonly inProgress: boolean;
  /**
   * The flag is set but no process holds the migration lock: its migrator died before clearing
   * it. Not in progress; the next writer start, upgrade, downgrade or stamp clears it.
   */
  readonly stale: boolean;
  /** Why the flag's migrator could not be checked for life, when the flag is set; else null. */
  readonly livenessUnknown: string | null;
  readonly ownerHost: string | null;
  readonly ownerPid: number | null;
  readonly startedUs: number | null;
  readonly heartbeatUs: number | null;
  readonly fromRevision: string | null;
  readonly toRevision: string | null;
  readonly lastError: string | null;
  /** A process has recorded itself as the lock's holder (`lock_token`); for messages only. */
  readonly lockTokenSet: boolean;
}

/** A row of migration_status as read with `SELECT *`. */
export interface StatusRow {
  in_progress: unknown;
  lock_token?: string | null;
  owner_host?: string | null;
  owner_pid?: number | string | null;
  heartbeat_us?: number | string | null;
  started_us?: number | string | null;
  from_revision?: string | null;
  to_revision?: string | null;
  last_error?: string | null;
}

const num = (v: number | string | null | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);

/**
 * Reads the flag as the row says it (`inProgress` is the column; `stale` false): whether its
 * migrator lives is the caller's to check. Undefined when the table or its row does not exist yet.
 */
export async function readFlag(db: QueryExecutorProvider): Promise<MigrationFlag | undefined> {
  const { rows } = await sql<StatusRow>`SELECT * FROM migration_status WHERE id = 1`.execute(db);
  return rows[0] && flagFromRow(rows[0]);
}

/** The flag as `row` says it (see {@link readFlag}). */
export function flagFromRow(row: StatusRow): MigrationFlag {
  return {
    inProgress: row.in_progress === true || Number(row.in_progress) === 1,
    stale: false,
    livenessUnknown: null,
    ownerHost: row.owner_host ?? null,
    ownerPid: num(row.owner_pid),
    startedUs: num(row.started_us),
    heartbeatUs: num(row.heartbeat_us),
    fromRevision: row.from_revision ?? null,
    toRevision: row.to_revision ?? null,
    lastError: row.last_error ?? null,
    lockTokenSet: row.lock_token !== null && row.lock_token !== undefined,
  };
}

/** Microseconds since the epoch, the project's time unit. */
export const nowUs = (): number => Date.now() * 1000;

/**
 * Sets the flag for a run from `from` to `to`, clearing the previous run's error. Only the lock's
 * holder writes it; returns false if this holder no longer holds the lock.
 */
export async function setFlag(
  db: QueryExecutorProvider,
  holder: LockHolder,
  from: readonly string[],
  to: readonly string[],
): Promise<boolean> {
  const result = await sql`UPDATE migration_status SET in_progress = TRUE,
    updated_at = CURRENT_TIMESTAMP, owner_host = ${holder.host}, owner_pid = ${holder.pid},
    started_us = ${nowUs()}, heartbeat_us = ${nowUs()}, from_revision = ${from.join(',') || 'base'},
    to_revision = ${to.join(',') || 'base'}, last_error = NULL
    WHERE id = 1 AND lock_token = ${holder.token}`.execute(db);
  return Number(result.numAffectedRows ?? 0n) === 1;
}

/**
 * Clears the flag, recording the error the run ended with, if any. Only the lock's holder clears
 * it, so a holder that lost the lock never clears the flag of the one that took over; returns
 * false in that case.
 */
export async function clearFlag(
  db: QueryExecutorProvider,
  holder: LockHolder,
  error: string | null,
): Promise<boolean> {
  const result = await sql`UPDATE migration_status SET in_progress = FALSE,
    updated_at = CURRENT_TIMESTAMP, last_error = ${error}
    WHERE id = 1 AND lock_token = ${holder.token}`.execute(db);
  return Number(result.numAffectedRows ?? 0n) === 1;
}

/** Records that the holder is alive; part of each revision's transaction. */
export async function heartbeat(db: QueryExecutorProvider): Promise<void> {
  await sql`UPDATE migration_status SET heartbeat_us = ${nowUs()} WHERE id = 1`.execute(db);
}
