import type { DialectName } from '@meshview/schema';
import type { SqliteCatalog } from './sqlite/sqlite-table.js';

/**
 * Where operations send their SQL: the revision's transaction, or (offline SQL) a list of
 * statements to print. Operations never open transactions of their own.
 */
export interface OpExecutor {
  readonly dialect: DialectName;
  /** Offline SQL: statements are recorded, nothing is read. */
  readonly offline: boolean;
  /**
   * SQLite: the engine runs this revision with foreign keys off and checks them before it
   * commits, so a table rebuild may proceed. When false, a rebuild throws MIGRATE_FOREIGN_KEYS_ON
   * (and the engine runs the revision again with foreign keys off).
   */
  readonly foreignKeysOff: boolean;
  /**
   * Called before anything that must not run with SQLite's foreign keys on (a rebuild, dropping a
   * referenced table). Online it throws MIGRATE_FOREIGN_KEYS_ON unless `foreignKeysOff`; offline
   * it notes that the revision's SQL must be wrapped in `PRAGMA foreign_keys = OFF`/`ON`.
   */
  requireForeignKeysOff(table: string, what: string): void;
  /** Runs (or records) one statement; resolves to the number of rows it changed (0 offline). */
  execute(statement: string): Promise<number>;
  /** Reads rows; throws MIGRATE_OFFLINE_UNSUPPORTED offline. */
  query<R>(statement: string, parameters?: readonly unknown[]): Promise<R[]>;
  /** SQLite rebuilds copy a larger table in steps of this many rows, logging each step. */
  readonly copyChunkRows: number;
  /** A progress line under the revision's name. */
  log(message: string): void;
  /**
   * Offline SQLite: the tables as the statements recorded so far left them (learned from every
   * CREATE, ALTER and DROP), so a rebuild can do without a database. Empty online.
   */
  readonly catalog: SqliteCatalog;
}
