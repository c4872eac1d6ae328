import { statSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { DatabaseNotFoundError, DatabaseOpenError } from '../../errors.js';
import type { SqliteTarget } from '../connection-target.js';
import type { DatabaseConnection, OpenDatabaseOptions } from '../database-connection.js';
import { SqliteAdapter } from './sqlite-adapter.js';
import { sqliteAddon } from './sqlite-addon.js';

const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens a SQLite database with better-sqlite3. Writable: `journal_mode=WAL`,
 * `synchronous=NORMAL`, `foreign_keys=ON` and the busy timeout. Read-only: the file must exist
 * (`DatabaseNotFoundError` when it does not; a file this user may not look up is a
 * `DatabaseOpenError`, not "missing"), only the busy timeout is set (a connection-level setting
 * that writes nothing), and only statements that read are run (see `SqliteAdapter`).
 */
export async function openSqlite<DB>(
  target: SqliteTarget,
  options: OpenDatabaseOptions,
): Promise<DatabaseConnection<DB>> {
  const readOnly = options.readOnly ?? false;
  if (readOnly) assertFileExists(target);
  const handle = await openHandle(target, options);
  const adapter = new SqliteAdapter(handle, { readOnly });
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: adapter }) });
  let closing: Promise<void> | undefined;
  return {
    dialect: 'sqlite',
    db,
    target,
    readOnly,
    close: () =>
      (closing ??= (async () => {
        await db.destroy();
        // Kysely closes the handle only if a query ever ran.
        adapter.close();
      })()),
    reopen: async () => {
      if (readOnly) assertFileExists(target);
      adapter.replace(await openHandle(target, options));
    },
  };
}

/** A better-sqlite3 handle on the file, set up for reading and writing or for reading only. */
async function openHandle(
  target: SqliteTarget,
  options: OpenDatabaseOptions,
): Promise<BetterSqlite3.Database> {
  const readOnly = options.readOnly ?? false;
  const { default: Sqlite } = await import('better-sqlite3');
  let handle: BetterSqlite3.Database;
  try {
    handle = new Sqlite(target.filename, {
      ...sqliteAddon,
      readonly: readOnly,
      fileMustExist: readOnly,
      timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
    });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DatabaseOpenError(target.display, reason, { cause });
  }
  try {
    if (!readOnly) {
      handle.pragma('journal_mode = WAL');
      handle.pragma('synchronous = NORMAL');
      handle.pragma('foreign_keys = ON');
    }
  } catch (cause) {
    handle.close();
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DatabaseOpenError(target.display, reason, { cause });
  }
  return handle;
}

/**
 * Throws `DatabaseNotFoundError` when the file does not exist, and `DatabaseOpenError` when it
 * cannot be looked up (a folder on its path this user may not search): `existsSync` says "no" to
 * both, which made a permission problem look like a database the writer had not created yet.
 */
function assertFileExists(target: SqliteTarget): void {
  try {
    statSync(target.filename);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new DatabaseNotFoundError(target.filename);
    throw new DatabaseOpenError(target.display, (cause as Error).message, { cause });
  }
}
