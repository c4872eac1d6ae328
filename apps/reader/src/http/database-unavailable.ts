import { DbError } from '@meshview/db';

/** SQLite result codes that say the file is not a database any more. */
const DAMAGED = /^SQLITE_(?:CORRUPT|NOTADB)/;
/** SQLite result codes that say the file cannot be read now. */
const UNREADABLE = /^SQLITE_(?:CANTOPEN|IOERR|BUSY|LOCKED|PROTOCOL)/;
/**
 * PostgreSQL SQLSTATEs and socket errors of a database that is not there or not answering: class
 * 08 (connection exception), 3D000 (no such database), 57P01–57P03 (shut down, or not accepting
 * connections yet), 53300 (too many connections).
 */
const PG_UNAVAILABLE =
  /^(?:08\w{3}|3D000|57P0[123]|53300|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE)$/;

/**
 * Why a request failed because the database is not there, damaged or not answering (not a bug in
 * the reader): the reason for a 503, naming the problem and the fix. Undefined for any other
 * error.
 *
 * @example databaseUnavailableReason(sqliteNotADb) // 'the database file is damaged (…): …'
 */
export function databaseUnavailableReason(error: unknown): string | undefined {
  if (
    error instanceof DbError &&
    error.code !== 'DB_UNSAFE_INTEGER' &&
    error.code !== 'DB_READ_ONLY'
  ) {
    return `the database cannot be read: ${error.message}`;
  }
  const code = (error as { code?: unknown } | null)?.code;
  const message = (error as Error | null)?.message ?? String(error);
  if (typeof code === 'string' && DAMAGED.test(code)) {
    return `the database file is damaged (SQLite: ${message}): restore a backup in its place`;
  }
  if (typeof code === 'string' && UNREADABLE.test(code)) {
    return `the database file cannot be read now (SQLite: ${message})`;
  }
  if (typeof code === 'string' && PG_UNAVAILABLE.test(code)) {
    return `the database is unavailable (PostgreSQL: ${message})`;
  }
  if (/^Connection terminated|^timeout exceeded when trying to connect/.test(message)) {
    return `the database is unavailable (PostgreSQL: ${message})`;
  }
  return undefined;
}
