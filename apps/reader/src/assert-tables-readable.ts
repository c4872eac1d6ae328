import { sql } from 'kysely';
import { DatabaseAccessError, tables, type DatabaseConnection } from '@meshview/db';

/**
 * On PostgreSQL, checks at start that the reader's role may read every table of the models that
 * exists, so that a role granted SELECT on some tables only fails the start, naming the others
 * and the GRANT, instead of answering 500 on the routes that read them. SQLite has no per-table
 * permissions: nothing to check.
 */
export async function assertTablesReadable(
  database: DatabaseConnection,
  key: string,
): Promise<void> {
  if (database.dialect !== 'postgres') return;
  const names = Object.keys(tables);
  const { rows } = await sql<{ name: string; role: string; schema: string }>`SELECT
      c.relname AS name, current_user AS role, n.nspname AS schema
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relname = ANY(${names})
      AND NOT has_table_privilege(c.oid, 'SELECT')
    ORDER BY c.relname`.execute(database.db);
  if (rows.length === 0) return;
  const { role, schema } = rows[0]!;
  throw new DatabaseAccessError(
    'DB_PERMISSION_DENIED',
    `PostgreSQL role "${role}" may not read table(s) ${rows.map((r) => r.name).join(', ')}. ` +
      `Grant it read access, as the tables' owner: GRANT SELECT ON ALL TABLES IN SCHEMA ` +
      `${schema} TO "${role}"; and for the tables later migrations create: ALTER DEFAULT ` +
      `PRIVILEGES FOR ROLE <the writer's role> IN SCHEMA ${schema} GRANT SELECT ON TABLES TO ` +
      `"${role}"; (docs/API.md).`,
    { key, database: database.target.display },
  );
}
