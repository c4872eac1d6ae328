import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type QueryExecutorProvider } from 'kysely';
import { probeSqliteFileLock, SqliteFileLock } from '@meshview/db/connection';
import { lockLostError, MigrateError } from '../errors.js';
import type { DialectAdapter } from './dialect-adapter.js';
import {
  describeSqliteViolations,
  sqliteForeignKeyViolations,
  withSqliteForeignKeysOff,
} from './sqlite-foreign-keys.js';

/** How long one attempt waits for SQLite's write lock before the loop sleeps and tries again. */
const ATTEMPT_BUSY_MS = 100;

/** The migration locks this process holds, by holder token. */
const fileLocks = new Map<string, SqliteFileLock>();

/**
 * SQLite: the migration lock is an exclusive lock on a side file beside the database,
 * `<database>-migrate.lock` (see SqliteFileLock): the kernel drops it when its holder dies, and
 * any process sharing the file can test it whatever its pid namespace, so a holder's liveness
 * never depends on a pid, a host name or a lease. While a revision's transaction is open,
 * SQLite's write lock on the database keeps other writers out too, and each revision re-checks
 * the holder's token in `migration_status` inside its transaction.
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
    return (await sqliteAdapter.tableColumns(conn, [table])).get(table) ?? [];
  },

  async tableColumns(conn, tables) {
    const each = tables.map(
      (table, i) => sql`SELECT ${i} AS i, cid, name FROM pragma_table_info(${table})`,
    );
    const { rows } = await sql<{
      i: number;
      name: string;
    }>`${sql.join(each, sql` UNION ALL `)} ORDER BY i, cid`.execute(conn);
    const found = new Map<string, string[]>(tables.map((table) => [table, []]));
    for (const row of rows) found.get(tables[row.i]!)!.push(row.name);
    return found;
  },

  async tryLock(conn, holder) {
    const path = await lockFilePath(conn);
    // An in-memory database is seen by this one connection only: there is no one to exclude.
    if (path === undefined) return true;
    const lock = await SqliteFileLock.tryAcquire(path).catch((cause: unknown) => {
      throw new MigrateError(
        'MIGRATE_LOCK_UNAVAILABLE',
        `cannot open the migration lock file ${path} (${(cause as Error).message}): a migrator ` +
          `creates it beside the database and locks it; let this user create and write files in ` +
          `${dirname(path)}, and if the file exists, make it writable for this user or remove it ` +
          `while no migration runs`,
        { cause },
      );
    });
    if (lock === undefined) return false;
    fileLocks.set(holder.token, lock);
    return true;
  },

  unlock(_conn, holder) {
    // Synchronous; a lock file that fails to close still rejects, as callers expect.
    return new Promise((resolve) => {
      fileLocks.get(holder.token)?.release();
      fileLocks.delete(holder.token);
      resolve();
    });
  },

  async lockHeld(conn) {
    const path = await lockFilePath(conn);
    // Nobody else can see an in-memory database: take its flag at its word.
    if (path === undefined) return true;
    try {
      return (await probeSqliteFileLock(path)) === 'held';
    } catch (cause) {
      throw new Error(
        `cannot read the migration lock file ${path} (${(cause as Error).message}); let this ` +
          'user read it to tell whether its migrator still runs',
        { cause },
      );
    }
  },

  async verifyLock(conn, holder) {
    const { rows } = await sql<{
      lock_token: string | null;
    }>`SELECT lock_token FROM migration_status WHERE id = 1`.execute(conn);
    const lock = fileLocks.get(holder.token);
    if (rows[0]?.lock_token !== holder.token || (lock !== undefined && !lock.held)) {
      throw lockLostError();
    }
  },

  withForeignKeysOff: withSqliteForeignKeysOff,
  foreignKeyViolations: sqliteForeignKeyViolations,
  describeViolations: describeSqliteViolations,
};

/**
 * better-sqlite3 waits for a busy database synchronously, stalling the whole process: wait in
 * short slices instead, sleeping asynchronously between them.
 */
async function withShortBusyWait<T>(
  conn: QueryExecutorProvider,
  work: () => Promise<T>,
): Promise<T> {
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
async function beginImmediate(conn: QueryExecutorProvider): Promise<void> {
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

/**
 * The SQLite migration lock's side file for a database file: `<database file>-migrate.lock`,
 * beside it. Keep it with the database (same volume); never remove it while processes run.
 */
export function migrationLockFile(databaseFile: string): string {
  return `${databaseFile}-migrate.lock`;
}

/**
 * The lock file of the database `conn` is on, from the connection itself (so a read-only reader
 * finds the same file as the writer); undefined for an in-memory database.
 */
async function lockFilePath(conn: QueryExecutorProvider): Promise<string | undefined> {
  const { rows } = await sql<{
    file: string | null;
  }>`SELECT file FROM pragma_database_list WHERE name = 'main'`.execute(conn);
  const file = rows[0]?.file;
  return file ? migrationLockFile(file) : undefined;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}
