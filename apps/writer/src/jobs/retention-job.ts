import { CompiledQuery, sql, type Kysely, type Selectable } from 'kysely';
import { DAY_US, HOUR_US, writeTransaction, type Database } from '@meshview/db';
import { rollupDeltas, type RollupFact } from '../storage/rollup-deltas.js';
import { RollupRepository } from '../storage/rollup-repository.js';
import { trimRollups } from './trim-rollups.js';
import type { JobContext } from './job-context.js';

/** `[cleanup]`'s retention settings. */
export interface RetentionOptions {
  /** Rows older than this many days go. */
  readonly daysToKeep: number;
  /** `VACUUM` afterwards (SQLite only). */
  readonly vacuum: boolean;
  /** Rows per transaction (at most 30,000); ingestion writes between them. Default 5,000. */
  readonly batchSize?: number;
}

/** What a retention run deleted. */
export interface RetentionResult {
  readonly cutoffUs: number;
  readonly packets: number;
  readonly packetSeen: number;
  readonly traceroutes: number;
  readonly nodes: number;
  /** Statistics roll-up rows dropped (buckets before the cutoff). */
  readonly rollupRows: number;
  readonly vacuumed: boolean;
}

/**
 * Deletes what is older than `daysToKeep` days, in transactions of `batchSize` rows so that
 * ingestion keeps writing between them (MeshView holds its ingest lock for the whole cleanup):
 * 1. `packet_seen` and `traceroute` rows imported before the cutoff;
 * 2. packets imported before the cutoff, each batch with the rows that still refer to them,
 *    children first, so the foreign keys hold on both databases (MeshView deletes parents
 *    first, which PostgreSQL refuses);
 * 3. nodes last seen before the cutoff (NULL `last_seen_us` is kept, as in MeshView);
 * 4. the statistics roll-ups' buckets before the cutoff. The cutoff is rounded down to a whole
 *    hour (at most an hour more is kept), so those buckets count exactly the deleted rows; the
 *    receptions deleted in step 2 for being their packet's, though imported after the cutoff,
 *    are taken out of the roll-ups in the same transaction.
 * Then `VACUUM` when asked and on SQLite; PostgreSQL's autovacuum does that job there.
 */
export async function runRetention(
  ctx: JobContext,
  options: RetentionOptions,
): Promise<RetentionResult> {
  const { db, dialect, logger } = ctx;
  // The packet ids of a batch go into the statements as parameters; SQLite takes 32,766.
  const batch = Math.max(1, Math.min(options.batchSize ?? 5000, 30_000));
  const cutoffUs =
    Math.floor((ctx.now().getTime() * 1000 - options.daysToKeep * DAY_US) / HOUR_US) * HOUR_US;
  const rollups = new RollupRepository(dialect);
  const p = (n: number): string => (dialect === 'postgres' ? `$${n}` : '?');
  logger.info(
    { cutoff: new Date(cutoffUs / 1000).toISOString(), daysToKeep: options.daysToKeep },
    'cleanup started',
  );

  const deleteOld = (statement: string): Promise<number> =>
    deleteInBatches(db, dialect, statement, cutoffUs);
  let packetSeen = await deleteOld(
    'DELETE FROM packet_seen WHERE (packet_id, node_id, rx_time) IN (SELECT packet_id, ' +
      `node_id, rx_time FROM packet_seen WHERE import_time_us < ${p(1)} LIMIT ${batch})`,
  );
  let traceroutes = await deleteOld(
    'DELETE FROM traceroute WHERE id IN ' +
      `(SELECT id FROM traceroute WHERE import_time_us < ${p(1)} LIMIT ${batch})`,
  );

  let packets = 0;
  for (;;) {
    const counts = await writeTransaction(db, dialect, async (conn) => {
      const { rows } = await conn.executeQuery<Pick<Selectable<Database['packet']>, 'id'>>(
        CompiledQuery.raw(`SELECT id FROM packet WHERE import_time_us < ${p(1)} LIMIT ${batch}`, [
          cutoffUs,
        ]),
      );
      const ids = rows.map((r) => r.id);
      if (ids.length === 0) return null;
      const list = ids.map((_, i) => p(i + 1)).join(', ');
      const run = async (statement: string): Promise<number> =>
        Number((await conn.executeQuery(CompiledQuery.raw(statement, ids))).numAffectedRows ?? 0n);
      const { rows: late } = await conn.executeQuery<LateReception>(
        CompiledQuery.raw(
          'SELECT s.import_time_us, p.channel, p.portnum, p.from_node_id, p.to_node_id ' +
            `FROM packet_seen s JOIN packet p ON p.id = s.packet_id WHERE s.packet_id IN (${list}) ` +
            `AND s.import_time_us >= ${p(ids.length + 1)}`,
          [...ids, cutoffUs],
        ),
      );
      await rollups.add(conn, rollupDeltas(late.map(uncount)));
      return {
        seen: await run(`DELETE FROM packet_seen WHERE packet_id IN (${list})`),
        traceroutes: await run(`DELETE FROM traceroute WHERE packet_id IN (${list})`),
        packets: await run(`DELETE FROM packet WHERE id IN (${list})`),
      };
    });
    if (counts === null) break;
    packetSeen += counts.seen;
    traceroutes += counts.traceroutes;
    packets += counts.packets;
    await yieldToIngestion();
  }

  const nodes = await deleteOld(
    `DELETE FROM node WHERE id IN (SELECT id FROM node WHERE last_seen_us < ${p(1)} LIMIT ${batch})`,
  );

  const rollupRows = await trimRollups(db, dialect, cutoffUs);

  let vacuumed = false;
  if (options.vacuum && dialect === 'sqlite') {
    await sql`VACUUM`.execute(db);
    vacuumed = true;
  } else if (options.vacuum) {
    logger.info({}, 'VACUUM skipped: not SQLite (autovacuum reclaims the space)');
  }
  const result = { cutoffUs, packets, packetSeen, traceroutes, nodes, rollupRows, vacuumed };
  logger.info({ ...result }, 'cleanup done');
  return result;
}

/**
 * A reception deleted with its packet although imported after the cutoff (so its import time is
 * set), under its packet's keys.
 */
type LateReception = { readonly import_time_us: number } & Pick<
  Selectable<Database['packet']>,
  'channel' | 'portnum' | 'from_node_id' | 'to_node_id'
>;

const uncount = (r: LateReception): RollupFact => ({
  timeUs: Number(r.import_time_us),
  channel: r.channel,
  portnum: r.portnum,
  from: r.from_node_id,
  to: r.to_node_id,
  packets: 0,
  seen: -1,
});

/** Runs a limited DELETE (its one parameter is the cutoff) until it deletes nothing. */
async function deleteInBatches(
  db: Kysely<Database>,
  dialect: JobContext['dialect'],
  statement: string,
  cutoffUs: number,
): Promise<number> {
  const query = CompiledQuery.raw(statement, [cutoffUs]);
  let total = 0;
  for (;;) {
    const deleted = await writeTransaction(db, dialect, async (conn) =>
      Number((await conn.executeQuery(query)).numAffectedRows ?? 0n),
    );
    if (deleted === 0) return total;
    total += deleted;
    await yieldToIngestion();
  }
}

/** Lets queued ingestion batches take the connection between two delete transactions. */
function yieldToIngestion(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
