import type { Kysely } from 'kysely';
import type { LockHolder } from '../lock-holder.js';
import type { MigrationLogger } from '../migration-logger.js';
import type { DialectName } from '../migration-script.js';
import type { ForeignKeyViolation } from './foreign-key-violation.js';

/** What the lock needs besides the connection. */
export interface LockOptions {
  readonly holder: LockHolder;
  readonly leaseMs: number;
  readonly logger: MigrationLogger;
  /** Aborting stops the wait with a MIGRATE_ABORTED error. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * What differs between the databases: the migration lock, how an exclusive transaction begins,
 * how to list a table's columns, and foreign key handling around a revision that rebuilds tables. One implementation per database, chosen by name.
 */
export interface DialectAdapter {
  readonly name: DialectName;
  /** Opens a transaction that excludes other writers from its start (SQLite: BEGIN IMMEDIATE). */
  begin(conn: Kysely<any>): Promise<void>;
  /** Opens a transaction serialised against other processes ensuring the engine's tables. */
  beginSerialised(conn: Kysely<any>): Promise<void>;
  /** The table's column names, empty when the table does not exist. */
  columnNames(conn: Kysely<any>, table: string): Promise<string[]>;
  /** Blocks until this connection holds the migration lock. */
  acquireLock(conn: Kysely<any>, options: LockOptions): Promise<void>;
  /** Inside a revision's transaction: throws if the lock was taken over meanwhile. */
  verifyLock(conn: Kysely<any>, holder: LockHolder): Promise<void>;
  releaseLock(conn: Kysely<any>, holder: LockHolder): Promise<void>;
  /**
   * Runs `work` (a whole revision transaction) with foreign key enforcement off, restored after;
   * called between transactions. PostgreSQL never needs it and just runs `work`.
   */
  withForeignKeysOff<T>(conn: Kysely<any>, work: () => Promise<T>): Promise<T>;
  /** Rows whose foreign keys point at no row (SQLite's `PRAGMA foreign_key_check`); none on PostgreSQL, which never allows them. */
  foreignKeyViolations(conn: Kysely<any>): Promise<ForeignKeyViolation[]>;
  /** One line per violation naming the row and its key values, for messages. */
  describeViolations(
    conn: Kysely<any>,
    violations: readonly ForeignKeyViolation[],
  ): Promise<string[]>;
}
