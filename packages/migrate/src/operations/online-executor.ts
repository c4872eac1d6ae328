import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { DialectName } from '@meshview/schema';
import type { UntypedTables } from '../untyped-tables.js';
import type { OpExecutor } from './op-executor.js';
import { SqliteCatalog } from './sqlite/sqlite-table.js';
import { COPY_CHUNK_ROWS, foreignKeysOnError } from './sqlite/rebuild-sqlite-table.js';

/** What an executor over a live connection needs. */
export interface OnlineExecutorProps {
  readonly db: Kysely<UntypedTables>;
  readonly dialect: DialectName;
  /** SQLite: whether the engine runs this revision with foreign keys off. */
  readonly foreignKeysOff: boolean;
  readonly log: (message: string) => void;
  /** Rows per copy step of a SQLite rebuild (default 100,000). */
  readonly copyChunkRows?: number | undefined;
}

/** Operations over the revision's transaction: statements run on `db` as they come. */
export function onlineExecutor({
  db,
  dialect,
  foreignKeysOff,
  log,
  copyChunkRows = COPY_CHUNK_ROWS,
}: OnlineExecutorProps): OpExecutor {
  return {
    dialect,
    offline: false,
    foreignKeysOff,
    copyChunkRows,
    catalog: new SqliteCatalog(),
    log,
    requireForeignKeysOff(table, what) {
      if (dialect === 'sqlite' && !foreignKeysOff) throw foreignKeysOnError(table, what);
    },
    async execute(statement) {
      const result = await sql.raw(statement).execute(db);
      return Number(result.numAffectedRows ?? 0n);
    },
    async query<R>(statement: string, parameters: readonly unknown[] = []) {
      const result = await db.executeQuery<R>(CompiledQuery.raw(statement, [...parameters]));
      return [...result.rows];
    },
  };
}
