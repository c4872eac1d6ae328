import { sql, type Kysely, type QueryExecutorProvider } from 'kysely';
import { inTransaction } from '@meshview/db/connection';
import type { DialectAdapter } from './dialect/dialect-adapter.js';
import {
  flagFromRow,
  readFlag,
  STATUS_EXTRA_COLUMNS,
  STATUS_TABLE_DDL,
  type MigrationFlag,
  type StatusRow,
} from './status-table.js';
import type { UntypedTables } from './untyped-tables.js';
import { readVersions, VERSION_TABLE_DDL } from './version-table.js';

/** What the engine's two tables say, read together. */
export interface EngineState {
  /** Both tables exist, with every column the engine adds, and the status row exists. */
  readonly complete: boolean;
  /** The version rows in order; empty when alembic_version does not exist. */
  readonly versions: string[];
  /** migration_status exists (MeshView's three columns or more). */
  readonly hasStatusTable: boolean;
  /** The flag as its row says it; undefined when the table or its row does not exist. */
  readonly flag: MigrationFlag | undefined;
}

/**
 * Reads the engine's tables in two statements whatever their state (one for both tables'
 * columns, one for the version rows and the status row together). Each statement is a round trip
 * to a PostgreSQL server, and this runs at every writer start and every upgrade: reading the
 * columns, the versions and the flag each on their own, as the engine once did, took ten.
 */
export async function readEngineState(
  db: QueryExecutorProvider,
  adapter: DialectAdapter,
): Promise<EngineState> {
  const columns = await adapter.tableColumns(db, ['alembic_version', 'migration_status']);
  const hasVersionTable = columns.get('alembic_version')!.length > 0;
  const statusColumns = columns.get('migration_status')!;
  const hasStatusTable = statusColumns.length > 0;
  const extraColumns = Object.keys(STATUS_EXTRA_COLUMNS).every((c) => statusColumns.includes(c));
  let versions: string[] = [];
  let flag: MigrationFlag | undefined;
  if (hasVersionTable && hasStatusTable) {
    // One row per version (one with none when the table is empty), each with the status row's
    // columns (all null when it has no row). alembic_version comes first in FROM so that a role
    // that may read neither is told about it, as when the tables were read one at a time.
    const { rows } = await sql<StatusRow & { id: unknown; engine_version: string | null }>`
      SELECT a.version_num AS engine_version, s.*
      FROM (SELECT 1 AS one) x
      LEFT JOIN alembic_version a ON 1 = 1
      LEFT JOIN migration_status s ON s.id = 1
      ORDER BY a.version_num`.execute(db);
    versions = rows.flatMap((r) => (r.engine_version === null ? [] : [r.engine_version]));
    const row = rows[0]!;
    flag = row.id === null || row.id === undefined ? undefined : flagFromRow(row);
  } else if (hasVersionTable) {
    versions = await readVersions(db);
  } else if (hasStatusTable) {
    flag = await readFlag(db);
  }
  return {
    complete: hasVersionTable && extraColumns && flag !== undefined,
    versions,
    hasStatusTable,
    flag,
  };
}

/**
 * Creates `alembic_version` and `migration_status` when missing, and upgrades MeshView's
 * three-column status table in place (its row kept). Reads first and writes nothing when the
 * tables are complete; several processes may call it at once (the adapter serialises the writes).
 * Returns the tables' state once complete.
 */
export async function ensureEngineTables(
  db: Kysely<UntypedTables>,
  adapter: DialectAdapter,
): Promise<EngineState> {
  const state = await readEngineState(db, adapter);
  if (state.complete) return state;
  await db.connection().execute(async (conn) => {
    if ((await readEngineState(conn, adapter)).complete) return;
    await inTransaction(
      conn,
      (c) => adapter.beginSerialised(c),
      async () => {
        const have = await adapter.tableColumns(conn, ['alembic_version', 'migration_status']);
        if (have.get('alembic_version')!.length === 0) {
          await sql.raw(VERSION_TABLE_DDL).execute(conn);
        }
        // A status table created here has MeshView's three columns: the engine's are added below.
        await sql.raw(STATUS_TABLE_DDL).execute(conn);
        for (const [name, type] of Object.entries(STATUS_EXTRA_COLUMNS)) {
          if (!have.get('migration_status')!.includes(name)) {
            await sql.raw(`ALTER TABLE migration_status ADD COLUMN ${name} ${type}`).execute(conn);
          }
        }
        await sql`INSERT INTO migration_status (id, in_progress) SELECT 1, FALSE
          WHERE NOT EXISTS (SELECT 1 FROM migration_status WHERE id = 1)`.execute(conn);
      },
    );
  });
  return readEngineState(db, adapter);
}
