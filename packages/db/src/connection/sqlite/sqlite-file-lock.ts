import { existsSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { sqliteAddon } from './sqlite-addon.js';

type Driver = typeof BetterSqlite3;
let driver: Promise<Driver> | undefined;
const loadDriver = (): Promise<Driver> =>
  (driver ??= import('better-sqlite3').then((module) => module.default));

/** What a probe of a lock file found. */
export type FileLockState = 'held' | 'free';

/**
 * An exclusive lock on a side file (`<database>-migrate.lock`, say), held as an open
 * `BEGIN EXCLUSIVE` transaction of SQLite's on it. SQLite locks files with POSIX advisory locks,
 * which belong to the process: the kernel drops them the moment the holder dies, however it dies,
 * and every process that shares the file system sees them, whatever its pid namespace (a writer
 * and readers in separate containers on one volume). So "no lock held" means "no holder alive",
 * never only that time passed.
 *
 * The file stays empty (its journal is kept in memory) and is never removed: removing it while it
 * is held would let a second holder lock a new file of the same name.
 *
 * @example
 * const lock = await SqliteFileLock.tryAcquire('/srv/meshview/packets.db-migrate.lock');
 * if (lock) try { … } finally { lock.release(); }
 */
export class SqliteFileLock {
  readonly path: string;
  #handle: BetterSqlite3.Database | undefined;

  private constructor(path: string, handle: BetterSqlite3.Database) {
    this.path = path;
    this.#handle = handle;
  }

  /**
   * Takes the lock if no process holds it (creating the file when missing); undefined when another
   * holder has it. Never waits: the caller decides how to wait. Other errors (a folder that cannot
   * be written, say) are thrown.
   */
  static async tryAcquire(path: string): Promise<SqliteFileLock | undefined> {
    const Database = await loadDriver();
    const handle = new Database(path, { ...sqliteAddon, timeout: 0 });
    try {
      // No journal file beside the lock file: the transaction never writes anything.
      handle.pragma('journal_mode = MEMORY');
      handle.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      handle.close();
      if (isBusy(error)) return undefined;
      throw error;
    }
    return new SqliteFileLock(path, handle);
  }

  /** Whether this object still holds the lock (false once released). */
  get held(): boolean {
    return this.#handle?.inTransaction === true;
  }

  /** Lets the lock go; safe to call twice. */
  release(): void {
    const handle = this.#handle;
    this.#handle = undefined;
    if (!handle) return;
    try {
      if (handle.inTransaction) handle.exec('ROLLBACK');
    } finally {
      handle.close();
    }
  }
}

/**
 * Whether some process, this one included, holds the lock on `path`: tries for a shared lock on a
 * read-only connection, which an exclusive holder refuses at once. A missing file is free (no
 * holder ever made it). Needs only read access to the file; errors other than "busy" (the file
 * cannot be read, say) are thrown, so that the caller can say it cannot tell.
 */
export async function probeSqliteFileLock(path: string): Promise<FileLockState> {
  if (!existsSync(path)) return 'free';
  const Database = await loadDriver();
  let handle: BetterSqlite3.Database;
  try {
    handle = new Database(path, {
      ...sqliteAddon,
      timeout: 0,
      readonly: true,
      fileMustExist: true,
    });
  } catch (error) {
    // Removed between the check and the open: nobody holds it.
    if (!existsSync(path)) return 'free';
    throw error;
  }
  try {
    handle.prepare('SELECT count(*) FROM sqlite_master').get();
    return 'free';
  } catch (error) {
    if (isBusy(error)) return 'held';
    throw error;
  } finally {
    handle.close();
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}
