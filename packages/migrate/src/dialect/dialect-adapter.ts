import type { QueryExecutorProvider } from 'kysely';
import type { LockHolder } from '../lock-holder.js';
import type { DialectName } from '@meshview/schema';
import type { ForeignKeyViolation } from './foreign-key-violation.js';

/**
 * What differs between the databases: the migration lock, how an exclusive transaction begins,
 * how to list a table's columns, and foreign key handling around a revision that rebuilds tables. One implementation per database, chosen by name.
 * Each statement runs on `conn`, any Kysely instance (or connection) whatever its tables' types:
 * the adapters run raw SQL only.
 */
export interface DialectAdapter {
  readonly name: DialectName;
  /** Opens a transaction that excludes other writers from its start (SQLite: BEGIN IMMEDIATE). */
  begin(conn: QueryExecutorProvider): Promise<void>;
  /** Opens a transaction serialised against other processes ensuring the engine's tables. */
  beginSerialised(conn: QueryExecutorProvider): Promise<void>;
  /** The table's column names, empty when the table does not exist. */
  columnNames(conn: QueryExecutorProvider, table: string): Promise<string[]>;
  /** Each table's column names, empty for a table that does not exist; in one statement. */
  tableColumns(
    conn: QueryExecutorProvider,
    tables: readonly string[],
  ): Promise<Map<string, string[]>>;
  /**
   * One attempt at the migration lock for `holder`, never waiting: true when this connection now
   * holds it. The lock is one the database or the kernel drops the moment its holder dies
   * (PostgreSQL: a session advisory lock; SQLite: an exclusive lock on the side file
   * `<database>-migrate.lock`), so a dead holder never blocks anyone.
   */
  tryLock(conn: QueryExecutorProvider, holder: LockHolder): Promise<boolean>;
  /** Lets go of the lock `tryLock` took; safe when it is not held. */
  unlock(conn: QueryExecutorProvider, holder: LockHolder): Promise<void>;
  /**
   * Whether any process, this one included, holds the migration lock now. Works on a read-only
   * connection, from any process that shares the database (another container too). Throws when
   * it cannot tell (say, the lock file cannot be read).
   */
  lockHeld(conn: QueryExecutorProvider): Promise<boolean>;
  /** Inside a revision's transaction: throws if the lock was taken over meanwhile. */
  verifyLock(conn: QueryExecutorProvider, holder: LockHolder): Promise<void>;
  /**
   * Runs `work` (a whole revision transaction) with foreign key enforcement off, restored after;
   * called between transactions. PostgreSQL never needs it and just runs `work`.
   */
  withForeignKeysOff<T>(conn: QueryExecutorProvider, work: () => Promise<T>): Promise<T>;
  /** Rows whose foreign keys point at no row (SQLite's `PRAGMA foreign_key_check`); none on PostgreSQL, which never allows them. */
  foreignKeyViolations(conn: QueryExecutorProvider): Promise<ForeignKeyViolation[]>;
  /** One line per violation naming the row and its key values, for messages. */
  describeViolations(
    conn: QueryExecutorProvider,
    violations: readonly ForeignKeyViolation[],
  ): Promise<string[]>;
}
