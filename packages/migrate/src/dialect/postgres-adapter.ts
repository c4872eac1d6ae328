import { sql } from 'kysely';
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
    const { rows } = await sql<{ column_name: string }>`SELECT column_name
      FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ${table}
      ORDER BY ordinal_position`.execute(conn);
    return rows.map((r) => r.column_name);
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

  async foreignKeyViolations() {
    return [];
  },

  async describeViolations() {
    return [];
  },
};
