import { DbError } from '../errors.js';

/**
 * Why the database cannot be used right now, when the error says it is a passing state of the
 * database and not a fault of the statement: SQLite busy or locked by another connection, full,
 * or failing I/O; PostgreSQL down, restarting, refusing connections or having cut this one
 * (`pg_terminate_backend`, a restart). Trying again later may well work: a writer retries the
 * batch, a reader answers 503 with this reason. Undefined for every other error.
 *
 * @example
 * const reason = databaseUnavailableReason(error);
 * if (reason) return reply.code(503).send({ error: 'database unavailable', reason });
 */
export function databaseUnavailableReason(error: unknown): string | undefined {
  // Our own open errors (not found, cannot open, unreachable, no such database, …) say the
  // database is not there now; an unsafe integer or a write on a read-only handle is a bug.
  if (
    error instanceof DbError &&
    error.code !== 'DB_UNSAFE_INTEGER' &&
    error.code !== 'DB_READ_ONLY'
  ) {
    return `the database cannot be opened: ${error.message}`;
  }
  const { code: given, message: text } = (error ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof given === 'string' ? given : '';
  const message = typeof text === 'string' ? text : '';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return `the SQLite database file is damaged (${code}: ${message}): restore a backup in its place`;
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PROTOCOL') {
    return `the SQLite database file cannot be opened now (${code}: ${message}); is it there?`;
  }
  if (code === '3D000') return `PostgreSQL has no such database (${code}: ${message})`;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return (
      `the SQLite database is locked by another connection (${code}): another process holds ` +
      'a lock on it longer than the busy timeout; it is retried until that lock is released'
    );
  }
  if (code === 'SQLITE_FULL') {
    return (
      'the SQLite database is full (SQLITE_FULL): the disk that holds it (or its -wal file) ' +
      'has no room left, or the database reached a PRAGMA max_page_count limit; free space on ' +
      'that disk (or raise the limit): writes are retried and resume by themselves'
    );
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return `the SQLite database cannot be read or written (${code}: ${message}); check its disk`;
  }
  const postgres = POSTGRES_STATES[code];
  if (postgres) return `PostgreSQL ${postgres} (${code}: ${message})`;
  if (/^08[0-9A-Z]{3}$/.test(code)) {
    return `the connection to PostgreSQL failed (${code}: ${message})`;
  }
  if (SOCKET_CODES.has(code) || (code === 'ENOENT' && message.startsWith('connect '))) {
    return `PostgreSQL cannot be reached (${code}: ${message}); is the server running?`;
  }
  if (LOST_CONNECTION.test(message)) {
    return `the connection to PostgreSQL was lost (${message})`;
  }
  return undefined;
}

/** pg's own messages for a connection that broke or could not be made in time. */
const LOST_CONNECTION =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed)/;

/** SQLSTATEs of a server going away or not taking connections (class 57 and 53300). */
const POSTGRES_STATES: Readonly<Record<string, string>> = {
  '57P01': 'ended this connection (an administrator or pg_terminate_backend, or a fast shutdown)',
  '57P02': 'ended this connection (crash shutdown)',
  '57P03': 'is starting up or shutting down and takes no connections now',
  '57P05': 'ended this connection (idle session timeout)',
  '53300': 'has no connection slot left (max_connections)',
};

const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
