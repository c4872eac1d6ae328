import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
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
    const { rows } = await sql<{ column_name: string }>`SELECT column_name
      FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ${table}
      ORDER BY ordinal_position`.execute(conn);
    return rows.map((r) => r.column_name);
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
