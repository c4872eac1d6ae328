import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { DatabaseAccessError } from '@meshview/db';
import { abortedError } from '../errors.js';
import { nowUs } from '../status-table.js';
import type { DialectAdapter } from './dialect-adapter.js';

/** The advisory-lock key of the migration lock ("meshview" would do; any fixed bigint works). */
export const MIGRATION_LOCK_KEY = '7165918343020785260';
/** A second key, held only while a process creates or upgrades the engine's own tables. */
const ENSURE_LOCK_KEY = '7165918343020785261';
const LOG_EVERY_MS = 5000;

/**
 * PostgreSQL: a session advisory lock on the dedicated connection that also runs the revisions.
 * A holder that dies closes its session, and the server releases the lock and rolls back its
 * open transaction at once; no lease is needed.
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
    // The catalog, not information_schema.columns: that view hides the tables a role may not
    // read, so a reader without grants took a migrated database for one at base (issue 10).
    // Reading such a table then fails with PostgreSQL's own "permission denied" (42501).
    const { rows } = await sql<{
      schema: string | null;
      role: string;
      search_path: string;
      columns: string[];
    }>`SELECT current_schema() AS schema, current_user AS role,
        current_setting('search_path') AS search_path,
        ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute a
          JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = current_schema() AND c.relname = ${table}
            AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped
          ORDER BY a.attnum) AS columns`.execute(conn);
    const row = rows[0]!;
    if (row.schema === null) throw noUsableSchema(row.role, row.search_path);
    return row.columns;
  },

  async acquireLock(conn, { holder, logger, signal }) {
    let lastLog = 0;
    for (;;) {
      const { rows } = await sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(${sql.raw(
        MIGRATION_LOCK_KEY,
      )}) AS ok`.execute(conn);
      if (rows[0]?.ok) break;
      if (Date.now() - lastLog >= LOG_EVERY_MS) {
        lastLog = Date.now();
        const { rows: holders } = await sql<{
          owner_host: string | null;
          owner_pid: number | null;
        }>`SELECT owner_host, owner_pid FROM migration_status WHERE id = 1`.execute(conn);
        logger.info(
          { holderHost: holders[0]?.owner_host, holderPid: holders[0]?.owner_pid },
          'waiting for the migration lock',
        );
      }
      if (signal?.aborted) throw abortedError('while waiting for the migration lock');
      await sleep(50 + Math.random() * 200);
    }
    await sql`UPDATE migration_status SET lock_token = ${holder.token}, owner_host = ${holder.host},
      owner_pid = ${holder.pid}, heartbeat_us = ${nowUs()} WHERE id = 1`.execute(conn);
  },

  async verifyLock() {
    // A session lock cannot be lost while its session, which runs this transaction, lives.
  },

  withForeignKeysOff(_conn, work) {
    return work();
  },

  async foreignKeyViolations() {
    return [];
  },

  async describeViolations() {
    return [];
  },

  async releaseLock(conn, holder) {
    await sql`UPDATE migration_status SET lock_token = NULL
      WHERE id = 1 AND lock_token = ${holder.token}`.execute(conn);
    await sql.raw(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`).execute(conn);
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
