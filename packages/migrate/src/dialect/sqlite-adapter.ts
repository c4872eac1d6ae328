import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import { inTransaction } from '@meshview/db';
import { abortedError, lockLostError } from '../errors.js';
import { nowUs } from '../status-table.js';
import type { DialectAdapter, LockOptions } from './dialect-adapter.js';
import {
  describeSqliteViolations,
  sqliteForeignKeyViolations,
  withSqliteForeignKeysOff,
} from './sqlite-foreign-keys.js';

/** How long one attempt waits for SQLite's write lock before the loop sleeps and tries again. */
const ATTEMPT_BUSY_MS = 100;
const LOG_EVERY_MS = 5000;

interface LockRow {
  lock_token: string | null;
  owner_host: string | null;
  owner_pid: number | null;
  heartbeat_us: number | null;
}

/**
 * SQLite: every process is on one host and shares one file, so the lock is a lease in the status
 * row, claimed inside BEGIN IMMEDIATE (SQLite's own write lock serialises the claim). A holder
 * whose pid is gone is replaced at once; a live one that stops renewing loses the lease after
 * `leaseMs`. While a revision's transaction is open, SQLite's write lock itself keeps others out,
 * and each revision re-checks the token inside its transaction, so a holder that lost the lease
 * can never apply anything.
 */
export const sqliteAdapter: DialectAdapter = {
  name: 'sqlite',

  async begin(conn) {
    await beginImmediate(conn);
  },

  async beginSerialised(conn) {
    await beginImmediate(conn);
  },

  async columnNames(conn, table) {
    const { rows } = await sql<{
      name: string;
    }>`SELECT name FROM pragma_table_info(${table})`.execute(conn);
    return rows.map((r) => r.name);
  },

  async acquireLock(conn, options) {
    await withShortBusyWait(conn, () => claim(conn, options));
  },

  async verifyLock(conn, holder) {
    const { rows } = await sql<{
      lock_token: string | null;
    }>`SELECT lock_token FROM migration_status WHERE id = 1`.execute(conn);
    if (rows[0]?.lock_token !== holder.token) {
      throw lockLostError();
    }
  },

  async releaseLock(conn, holder) {
    await sql`UPDATE migration_status SET lock_token = NULL
      WHERE id = 1 AND lock_token = ${holder.token}`.execute(conn);
  },

  withForeignKeysOff: withSqliteForeignKeysOff,
  foreignKeyViolations: sqliteForeignKeyViolations,
  describeViolations: describeSqliteViolations,
};

/**
 * better-sqlite3 waits for a busy database synchronously, stalling the whole process: wait in
 * short slices instead, sleeping asynchronously between them.
 */
async function withShortBusyWait<T>(conn: Kysely<any>, work: () => Promise<T>): Promise<T> {
  const { rows } = await sql<{ timeout: number }>`PRAGMA busy_timeout`.execute(conn);
  const busyTimeout = rows[0]?.timeout ?? 5000;
  await sql.raw(`PRAGMA busy_timeout = ${ATTEMPT_BUSY_MS}`).execute(conn);
  try {
    return await work();
  } finally {
    await sql.raw(`PRAGMA busy_timeout = ${busyTimeout}`).execute(conn);
  }
}

/** BEGIN IMMEDIATE, retried while another process holds SQLite's write lock. */
async function beginImmediate(conn: Kysely<any>): Promise<void> {
  await withShortBusyWait(conn, async () => {
    for (;;) {
      try {
        await sql.raw('BEGIN IMMEDIATE').execute(conn);
        return;
      } catch (error) {
        if (!isBusy(error)) throw error;
        await sleep(20 + Math.random() * 80);
      }
    }
  });
}

async function claim(
  conn: Kysely<any>,
  { holder, leaseMs, logger, signal }: LockOptions,
): Promise<void> {
  let lastLog = 0;
  for (;;) {
    let why: string;
    try {
      const seen = await inTransaction(conn, beginOnce, async () => {
        const { rows } = await sql<LockRow>`SELECT lock_token, owner_host, owner_pid, heartbeat_us
          FROM migration_status WHERE id = 1`.execute(conn);
        const row = rows[0];
        const takeover = claimable(row, leaseMs);
        if (takeover !== undefined) {
          await sql`UPDATE migration_status SET lock_token = ${holder.token},
            owner_host = ${holder.host}, owner_pid = ${holder.pid}, heartbeat_us = ${nowUs()}
            WHERE id = 1`.execute(conn);
        }
        return { row, takeover };
      });
      if (seen.takeover !== undefined) {
        if (seen.takeover !== 'free') {
          logger.warn(
            { previousHost: seen.row?.owner_host, previousPid: seen.row?.owner_pid },
            `took over the migration lock: ${seen.takeover}`,
          );
        }
        return;
      }
      why = `held by pid ${seen.row?.owner_pid} on ${seen.row?.owner_host}`;
    } catch (error) {
      if (!isBusy(error)) throw error;
      why = 'another process is writing (a revision is running)';
    }
    if (Date.now() - lastLog >= LOG_EVERY_MS) {
      lastLog = Date.now();
      logger.info({ reason: why }, 'waiting for the migration lock');
    }
    if (signal?.aborted) throw abortedError('while waiting for the migration lock');
    await sleep(50 + Math.random() * 200);
  }
}

/** One BEGIN IMMEDIATE attempt: "busy" is the caller's to handle (the lock loop waits and retries). */
async function beginOnce(conn: Kysely<any>): Promise<void> {
  await sql.raw('BEGIN IMMEDIATE').execute(conn);
}

/** Why the lock may be taken now ('free', or why the holder is gone); undefined if it may not. */
function claimable(row: LockRow | undefined, leaseMs: number): string | undefined {
  if (!row || row.lock_token === null) return 'free';
  if (row.owner_host === hostname() && row.owner_pid !== null && !isAlive(Number(row.owner_pid))) {
    return `holder pid ${row.owner_pid} is no longer running`;
  }
  const age = (nowUs() - Number(row.heartbeat_us ?? 0)) / 1000;
  if (age > leaseMs)
    return `holder's lease expired (${Math.round(age / 1000)} s without a heartbeat)`;
  return undefined;
}

/** Whether a process with this pid exists on this host (EPERM means it does, owned by another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}
