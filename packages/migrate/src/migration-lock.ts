import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type QueryExecutorProvider } from 'kysely';
import { inTransaction } from '@meshview/db/connection';
import type { DialectAdapter } from './dialect/dialect-adapter.js';
import { abortedError } from './errors.js';
import type { LockHolder } from './lock-holder.js';
import type { MigrationLogger } from './migration-logger.js';
import { nowUs, readFlag, type MigrationFlag } from './status-table.js';

const LOG_EVERY_MS = 5000;

/** What waiting for and taking the migration lock needs besides the connection. */
export interface LockOptions {
  readonly adapter: DialectAdapter;
  readonly holder: LockHolder;
  /**
   * How long a holder may go without finishing a revision before those waiting warn that it may
   * be stuck. A holder that lives keeps the lock; one that dies loses it at once.
   */
  readonly leaseMs: number;
  readonly logger: MigrationLogger;
  /** Aborting stops the wait with a MIGRATE_ABORTED error. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Blocks until `conn` holds the migration lock, then records the holder in `migration_status`.
 * A flag found set at that point is stale (whoever set it no longer holds the lock, so it is
 * gone): it is cleared in the same transaction, and the warning says whose it was.
 */
export async function acquireMigrationLock(
  conn: QueryExecutorProvider,
  options: LockOptions,
): Promise<void> {
  const { adapter, holder, leaseMs, logger, signal } = options;
  let lastLog = 0;
  while (!(await adapter.tryLock(conn, holder))) {
    if (Date.now() - lastLog >= LOG_EVERY_MS) {
      lastLog = Date.now();
      await logWaiting(conn, leaseMs, logger);
    }
    if (signal?.aborted) throw abortedError('while waiting for the migration lock');
    await sleep(50 + Math.random() * 200);
  }
  try {
    await claim(conn, options);
  } catch (error) {
    await adapter.unlock(conn, holder).catch(() => {});
    throw error;
  }
}

/** Forgets the holder in `migration_status`, then lets the lock go. */
export async function releaseMigrationLock(
  conn: QueryExecutorProvider,
  adapter: DialectAdapter,
  holder: LockHolder,
): Promise<void> {
  try {
    await sql`UPDATE migration_status SET lock_token = NULL
      WHERE id = 1 AND lock_token = ${holder.token}`.execute(conn);
  } finally {
    await adapter.unlock(conn, holder);
  }
}

async function claim(
  conn: QueryExecutorProvider,
  { adapter, holder, logger }: LockOptions,
): Promise<void> {
  const before = await inTransaction(
    conn,
    (c) => adapter.begin(c),
    async () => {
      const flag = await readFlag(conn);
      const stale = flag?.inProgress === true;
      await sql`UPDATE migration_status SET lock_token = ${holder.token},
        owner_host = ${holder.host}, owner_pid = ${holder.pid}, heartbeat_us = ${nowUs()}
        WHERE id = 1`.execute(conn);
      if (stale) {
        await sql`UPDATE migration_status SET in_progress = FALSE, updated_at = CURRENT_TIMESTAMP,
          last_error = ${staleNote(flag, holder)} WHERE id = 1`.execute(conn);
      }
      return flag;
    },
  );
  if (before?.inProgress) {
    logger.warn(
      staleFields(before),
      `cleared a stale migration flag: ${owner(before)} set it` +
        `${before.startedUs !== null ? ` at ${iso(before.startedUs)}` : ''}` +
        `${run(before)} and is gone (it no longer holds the migration lock)`,
    );
  } else if (before?.lockTokenSet) {
    logger.warn(
      staleFields(before),
      `took over the migration lock: ${owner(before)} held it and is gone without releasing it`,
    );
  }
}

/** What `last_error` says after a stale flag was cleared. */
function staleNote(flag: MigrationFlag, holder: LockHolder): string {
  return (
    `${owner(flag)} stopped before it cleared the migration flag${run(flag)}; ` +
    `cleared by pid ${holder.pid} on ${holder.host} at ${iso(nowUs())}`
  );
}

async function logWaiting(conn: QueryExecutorProvider, leaseMs: number, logger: MigrationLogger) {
  const flag = await readFlag(conn).catch(() => undefined);
  const fields = { holderHost: flag?.ownerHost ?? null, holderPid: flag?.ownerPid ?? null };
  const silentMs = flag?.heartbeatUs ? (nowUs() - flag.heartbeatUs) / 1000 : 0;
  if (silentMs > leaseMs) {
    logger.warn(
      { ...fields, silentS: Math.round(silentMs / 1000) },
      `waiting for the migration lock: ${owner(flag)} holds it and has not finished a revision ` +
        `for ${Math.round(silentMs / 1000)} s (more than [migrations] lock_lease_s); it is alive ` +
        '(a dead holder loses the lock at once). If it is stuck, stop that process: its running ' +
        'revision rolls back and the lock is freed',
    );
    return;
  }
  logger.info(fields, `waiting for the migration lock (${owner(flag)} holds it)`);
}

function owner(flag: MigrationFlag | undefined): string {
  return flag?.ownerPid !== null && flag?.ownerPid !== undefined
    ? `pid ${flag.ownerPid} on ${flag.ownerHost ?? '?'}`
    : 'another process';
}

function run(flag: MigrationFlag): string {
  return flag.fromRevision !== null || flag.toRevision !== null
    ? ` (migrating from ${flag.fromRevision ?? '?'} to ${flag.toRevision ?? '?'})`
    : '';
}

function staleFields(flag: MigrationFlag): Record<string, unknown> {
  return {
    previousHost: flag.ownerHost,
    previousPid: flag.ownerPid,
    previousStartedUs: flag.startedUs,
    fromRevision: flag.fromRevision,
    toRevision: flag.toRevision,
  };
}

const iso = (us: number): string => new Date(us / 1000).toISOString();
