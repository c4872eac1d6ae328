// `@meshview/db/connection`: opening SQLite and PostgreSQL the same way, and what goes with it.
// Knows no tables, so a generic consumer (the migration engine) imports this and not the models.
export {
  DatabaseAccessError,
  DatabaseNotFoundError,
  DatabaseOpenError,
  DbError,
  InvalidConnectionStringError,
  ReadOnlyViolationError,
  UnsafeIntegerError,
  UnsupportedConnectionStringError,
} from '../errors.js';
export type { DatabaseAccessCode, DbErrorCode } from '../errors.js';
export type { DialectName } from '@meshview/schema';

export type { ConnectionTarget, PostgresTarget, SqliteTarget } from './connection-target.js';
export { parseConnectionString } from './parse-connection-string.js';
export type { ParseConnectionStringOptions } from './parse-connection-string.js';
export { redactConnectionString } from './redact-connection-string.js';
export { explainDatabaseError } from './explain-database-error.js';
export { databaseErrorExplainer } from './database-error-explainer.js';
export { databaseUnavailableReason } from './database-unavailable.js';
export type { DatabaseErrorContext } from './explain-database-error.js';
export { inTransaction, writeTransaction } from './transaction.js';
export type { DatabaseConnection, OpenDatabaseOptions } from './database-connection.js';
export { openDatabase, prepareQueryThread } from './open-database.js';
export { PostgresListener, type PostgresListenerProps } from './postgres/postgres-listener.js';
export {
  probeSqliteFileLock,
  SqliteFileLock,
  type FileLockState,
} from './sqlite/sqlite-file-lock.js';
