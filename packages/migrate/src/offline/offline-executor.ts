import { MigrateError } from '../errors.js';
import type { DialectName } from '@meshview/schema';
import type { OpExecutor } from '../operations/op-executor.js';
import { learnStatement } from '../operations/sqlite/offline-catalog.js';
import type { SqliteCatalog } from '../operations/sqlite/sqlite-table.js';

/** An executor that records statements instead of running them, and what the revision needs. */
export interface OfflineExecutor extends OpExecutor {
  /** The statements recorded, in order. */
  readonly statements: readonly string[];
  /** Whether an operation needed SQLite's foreign keys off (a rebuild). */
  readonly needsForeignKeysOff: boolean;
}

/**
 * Offline SQL: statements are recorded; on SQLite each one also updates `catalog`, the tables as
 * the run has left them, which later rebuilds in the run read instead of a database.
 */
export function offlineExecutor(dialect: DialectName, catalog: SqliteCatalog): OfflineExecutor {
  const statements: string[] = [];
  let needsForeignKeysOff = false;
  return {
    dialect,
    offline: true,
    foreignKeysOff: true,
    copyChunkRows: Infinity,
    catalog,
    statements,
    get needsForeignKeysOff() {
      return needsForeignKeysOff;
    },
    log() {},
    requireForeignKeysOff() {
      needsForeignKeysOff = true;
    },
    execute(statement) {
      // Synchronous; a statement the catalog cannot read still rejects, as a live one would.
      return new Promise((resolve) => {
        statements.push(statement);
        if (dialect === 'sqlite') learnStatement(catalog, statement);
        resolve(0);
      });
    },
    query() {
      return Promise.reject(
        new MigrateError(
          'MIGRATE_OFFLINE_UNSUPPORTED',
          'offline SQL cannot read the database; an operation that must read it cannot be rendered',
        ),
      );
    },
  };
}
