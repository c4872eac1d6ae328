import type { Kysely, Selectable } from 'kysely';
import type { Database } from '@meshview/db';
import type { ListQuery } from './list-query.js';

/** One gateway's report of one of the node's packets. */
export type ReceptionRow = Pick<
  Selectable<Database['packet_seen']>,
  'packet_id' | 'node_id' | 'hop_limit' | 'hop_start' | 'rx_snr' | 'rx_rssi' | 'import_time_us'
>;

/** The most packet ids one {@link receptionsQuery} names (the rest go in the next one). */
export const RECEPTION_BATCH = 500;

/**
 * The ids of the newest `limit` packets `nodeId` sent from `sinceUs` on, newest first
 * (`idx_packet_from_node_time_us`: one bounded index range).
 */
export function nodePacketIdsQuery(
  db: Kysely<Database>,
  nodeId: number,
  sinceUs: number,
  limit: number,
): ListQuery<{ id: number }> {
  return db
    .selectFrom('packet')
    .select('id')
    .where('from_node_id', '=', nodeId)
    .where('import_time_us', '>=', sinceUs)
    .orderBy('import_time_us', 'desc')
    .limit(limit);
}

/**
 * Every gateway report of these packets (at most {@link RECEPTION_BATCH} ids), through
 * `idx_packet_seen_packet_id`.
 */
export function receptionsQuery(
  db: Kysely<Database>,
  packetIds: readonly number[],
): ListQuery<ReceptionRow> {
  return db
    .selectFrom('packet_seen')
    .select([
      'packet_id',
      'node_id',
      'hop_limit',
      'hop_start',
      'rx_snr',
      'rx_rssi',
      'import_time_us',
    ])
    .where('packet_id', 'in', packetIds.length > 0 ? [...packetIds] : [-1]);
}

/** Whether `nodeId` sent any stored packet (one row of `idx_packet_from_node_time_us`). */
export function anyPacketFromQuery(
  db: Kysely<Database>,
  nodeId: number,
): ListQuery<{ id: number }> {
  return db.selectFrom('packet').select('id').where('from_node_id', '=', nodeId).limit(1);
}

/** The names of these nodes (the `node` table's unique node id index). */
export function nodeNamesQuery(
  db: Kysely<Database>,
  nodeIds: readonly number[],
): ListQuery<Pick<Selectable<Database['node']>, 'node_id' | 'long_name' | 'short_name'>> {
  return db
    .selectFrom('node')
    .select(['node_id', 'long_name', 'short_name'])
    .where('node_id', 'in', nodeIds.length > 0 ? [...nodeIds] : [-1]);
}
