import { DatabaseAccessError } from '../errors.js';
import type { ConnectionTarget } from './connection-target.js';
import { explainPostgresError } from './postgres/explain-postgres-error.js';
import { explainSqliteError } from './sqlite/explain-sqlite-error.js';

/** What `explainDatabaseError` (and its SQLite and PostgreSQL halves) need besides the error. */
export interface DatabaseErrorContext<Target extends ConnectionTarget = ConnectionTarget> {
  readonly target: Target;
  /** The config key the connection string came from, e.g. `[database] reader_connection_string`. */
  readonly key: string;
  /** The connection was opened read-only: the advice is about reading, not writing. */
  readonly readOnly: boolean;
}

/**
 * Turns a driver's error met while opening or first using a database into one that names the
 * config key and the file or host and says what to check or grant: a `DatabaseAccessError`
 * (nothing listens at host:port, no such database, the role or its password refused, no grant
 * on a table or schema, a file or folder this user may not read or write), or a
 * `DatabaseOpenError` naming the key for other file problems. Any other error is returned as it
 * is, so callers can pass everything through it.
 *
 * SQLite causes are found by looking at the file and its folder with this process's user.
 *
 * @example
 * try {
 *   await migrator.status();
 * } catch (error) {
 *   throw explainDatabaseError(error, { target, key: '[database] connection_string', readOnly: false });
 * }
 */
export function explainDatabaseError(error: unknown, context: DatabaseErrorContext): unknown {
  if (error instanceof DatabaseAccessError) {
    if (error.key !== undefined) return error;
    // Thrown below the apps (the migration engine) without knowing the key: add it.
    return new DatabaseAccessError(error.code, error.detail, {
      key: context.key,
      database: context.target.display,
      cause: error.cause ?? error,
    });
  }
  return context.target.dialect === 'sqlite'
    ? explainSqliteError(error, { ...context, target: context.target })
    : explainPostgresError(error, { ...context, target: context.target });
}
