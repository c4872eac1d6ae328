import { sql } from 'kysely';
import { DatabaseAccessError } from '@meshview/db/connection';
import type { DialectAdapter } from './dialect-adapter.js';

/**
 * PostgreSQL: the session advisory-lock key (a bigint) of the migration lock. `pg_locks` shows it
 * as `classid` = its high 32 bits, `objid` = its low 32 bits, `objsubid` = 1.
 */
export const MIGRATION_LOCK_KEY = '7165918343020785260';
/** A second key, held only while a process creates or upgrades the engine's own tables. */
const ENSURE_LOCK_KEY = '7165918343020785261';
const LOCK_KEY_HIGH = String(BigInt(MIGRATION_LOCK_KEY) >> 32n);
const LOCK_KEY_LOW = String(BigInt(MIGRATION_LOCK_KEY) & 0xffffffffn);

/**
 * PostgreSQL: a session advisory lock on the dedicated connection that also runs the revisions.
 * A holder that dies closes its session, and the server releases the lock and rolls back its
 * open transaction at once; no lease is needed. Any session sees who holds it in `pg_locks`.
 */
export const postgresAdapter: DialectAdapter = {
  name: 'postgres',

  async begin(conn) {
    await sql.raw('BEGIN').execute(conn);
  },

  async beginSerialised(conn) {
    await sql.raw('BEGIN').execute(conn);
    await sql.raw(`SELECT pg_advisory_xact_lock(${ENSURE_LOCK_KEY})`).execute(conn);
  },

  async columnNames(conn, table) {
    return (await postgresAdapter.tableColumns(conn, [table])).get(table) ?? [];
  },

  async tableColumns(conn, tables) {
    // The catalog, not information_schema.columns: that view hides the tables a role may not
    // read, so a reader without grants took a migrated database for one at base (issue 10).
    // Reading such a table then fails with PostgreSQL's own "permission denied" (42501).
    // The table is found by `to_regclass` (a look-up in the catalog's cache) rather than by a
    // join of pg_class and pg_namespace on names, which the server planned again on every call:
    // this runs at every writer start and every reader poll (issue 17 item 4). A null schema
    // makes the name, and so the look-up, null. All the tables in one statement: each is a round
    // trip to the server, and the writer's start asks for two.
    const names = sql.join(tables.map((table) => sql`(${table}::text)`));
    const { rows } = await sql<{
      schema: string | null;
      role: string;
      search_path: string;
      name: string;
      columns: string[];
    }>`SELECT current_schema() AS schema, current_user AS role,
        current_setting('search_path') AS search_path, t.name,
        ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute a
          JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
          WHERE c.oid = pg_catalog.to_regclass(
              pg_catalog.quote_ident(current_schema()) || '.' || pg_catalog.quote_ident(t.name))
            AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped
          ORDER BY a.attnum) AS columns
      FROM (VALUES ${names}) AS t(name)`.execute(conn);
    const found = new Map<string, string[]>();
    for (const row of rows) {
      if (row.schema === null) throw noUsableSchema(row.role, row.search_path);
      found.set(row.name, row.columns);
    }
    return found;
  },

  async tryLock(conn) {
    const { rows } = await sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(${sql.raw(
      MIGRATION_LOCK_KEY,
    )}) AS ok`.execute(conn);
    return rows[0]?.ok === true;
  },

  async unlock(conn) {
    await sql.raw(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`).execute(conn);
  },

  async lockHeld(conn) {
    // A bigint advisory key is shown split in two: its high half in classid, its low half in
    // objid, with objsubid 1. Any role may read pg_locks.
    const { rows } = await sql<{ held: boolean }>`SELECT EXISTS (
        SELECT 1 FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND objsubid = 1
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND classid::bigint = ${sql.raw(LOCK_KEY_HIGH)} AND objid::bigint = ${sql.raw(LOCK_KEY_LOW)}
      ) AS held`.execute(conn);
    return rows[0]?.held === true;
  },

  async verifyLock() {
    // A session lock cannot be lost while its session, which runs this transaction, lives.
  },

  withForeignKeysOff(_conn, work) {
    return work();
  },

  foreignKeyViolations() {
    return Promise.resolve([]);
  },

  describeViolations() {
    return Promise.resolve([]);
  },
};

/**
 * No schema of the search path may be used by the role (PostgreSQL skips the schemas it lacks
 * USAGE on, and `current_schema()` is null): every table would look missing.
 */
function noUsableSchema(role: string, searchPath: string): DatabaseAccessError {
  return new DatabaseAccessError(
    'DB_PERMISSION_DENIED',
    `PostgreSQL role "${role}" may use no schema of its search_path (${searchPath}), so it ` +
      `cannot see the tables. Grant it, as the schema's owner: GRANT USAGE ON SCHEMA public TO ` +
      `"${role}"; (a writer's role also needs CREATE on it), or set its search_path to the ` +
      `tables' schema.`,
  );
}
