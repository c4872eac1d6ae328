import { sql, type Kysely, type QueryExecutorProvider } from 'kysely';
import { inTransaction } from '@meshview/db/connection';
import type { DialectAdapter } from './dialect/dialect-adapter.js';
import { readFlag, STATUS_EXTRA_COLUMNS, STATUS_TABLE_DDL } from './status-table.js';
import type { UntypedTables } from './untyped-tables.js';
import { VERSION_TABLE_DDL } from './version-table.js';

/**
 * Creates `alembic_version` and `migration_status` when missing, and upgrades MeshView's
 * three-column status table in place (its row kept). Reads first and writes nothing when the
 * tables are complete; several processes may call it at once (the adapter serialises the writes).
 */
export async function ensureEngineTables(
  db: Kysely<UntypedTables>,
  adapter: DialectAdapter,
): Promise<void> {
  if (await engineTablesComplete(db, adapter)) return;
  await db.connection().execute(async (conn) => {
    if (await engineTablesComplete(conn, adapter)) return;
    await inTransaction(
      conn,
      (c) => adapter.beginSerialised(c),
      async () => {
        if ((await adapter.columnNames(conn, 'alembic_version')).length === 0) {
          await sql.raw(VERSION_TABLE_DDL).execute(conn);
        }
        await sql.raw(STATUS_TABLE_DDL).execute(conn);
        const have = await adapter.columnNames(conn, 'migration_status');
        for (const [name, type] of Object.entries(STATUS_EXTRA_COLUMNS)) {
          if (!have.includes(name)) {
            await sql.raw(`ALTER TABLE migration_status ADD COLUMN ${name} ${type}`).execute(conn);
          }
        }
        await sql`INSERT INTO migration_status (id, in_progress) SELECT 1, FALSE
          WHERE NOT EXISTS (SELECT 1 FROM migration_status WHERE id = 1)`.execute(conn);
      },
    );
  });
}

async function engineTablesComplete(
  db: QueryExecutorProvider,
  adapter: DialectAdapter,
): Promise<boolean> {
  if ((await adapter.columnNames(db, 'alembic_version')).length === 0) return false;
  const have = await adapter.columnNames(db, 'migration_status');
  if (!Object.keys(STATUS_EXTRA_COLUMNS).every((c) => have.includes(c))) return false;
  return (await readFlag(db)) !== undefined;
}
