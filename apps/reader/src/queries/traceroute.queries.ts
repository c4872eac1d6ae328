import type { Kysely } from 'kysely';
import type { Database } from '@meshview/db';
import type { ListQuery } from './list-query.js';

/** A traceroute report with its packet's ends. */
export interface TracerouteRow {
  readonly packet_id: number | null;
  readonly gateway_node_id: number | null;
  readonly done: boolean | number | null;
  readonly route: Uint8Array | null;
  readonly import_time_us: number | null;
  readonly from_node_id: number | null;
  readonly to_node_id: number | null;
}

/** The most traceroute reports `/api/edges` reads from its 12-hour window, newest first. */
export const MAX_EDGE_TRACEROUTES = 5_000;

function withPacket(db: Kysely<Database>) {
  return db
    .selectFrom('traceroute as t')
    .leftJoin('packet as p', 'p.id', 't.packet_id')
    .select([
      't.packet_id',
      't.gateway_node_id',
      't.done',
      't.route',
      't.import_time_us',
      'p.from_node_id',
      'p.to_node_id',
    ]);
}

/** Every gateway's report of one traceroute packet, in arrival order (`idx_traceroute_packet_id`). */
export function tracerouteReportsQuery(
  db: Kysely<Database>,
  packetId: number,
): ListQuery<TracerouteRow> {
  return withPacket(db)
    .where('t.packet_id', '=', packetId)
    .orderBy('t.import_time_us')
    .orderBy('t.id');
}

/**
 * Traceroute reports imported since `sinceUs`, newest first, at most {@link MAX_EDGE_TRACEROUTES}
 * (`idx_traceroute_import_time_us`).
 */
export function recentTraceroutesQuery(
  db: Kysely<Database>,
  sinceUs: number,
): ListQuery<TracerouteRow> {
  return withPacket(db)
    .where('t.import_time_us', '>=', sinceUs)
    .orderBy('t.import_time_us', 'desc')
    .limit(MAX_EDGE_TRACEROUTES);
}
