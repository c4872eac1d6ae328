import type { Kysely, Selectable } from 'kysely';
import type { Database } from '@meshview/db';
import type { ListQuery } from './list-query.js';

/** A traceroute report with its packet's ends (null when the packet is not stored). */
export type TracerouteRow = Readonly<
  Pick<
    Selectable<Database['traceroute']>,
    'packet_id' | 'gateway_node_id' | 'done' | 'route' | 'import_time_us'
  > &
    Pick<Selectable<Database['packet']>, 'from_node_id' | 'to_node_id'>
>;

/** The most traceroute reports `/api/edges` reads from its 12-hour window, newest first. */
export const MAX_EDGE_TRACEROUTES = 5_000;

/**
 * With `/api/edges?hours=` (our addition): the most traceroute reports, and the most NeighborInfo
 * packets, read from the window, newest first, so that a week of a big mesh stays a bounded read.
 */
export const MAX_WINDOW_REPORTS = 20_000;

function withPacket(db: Kysely<Database>) {
  return db
    .selectFrom('traceroute')
    .leftJoin('packet', 'packet.id', 'traceroute.packet_id')
    .select([
      'traceroute.packet_id',
      'traceroute.gateway_node_id',
      'traceroute.done',
      'traceroute.route',
      'traceroute.import_time_us',
      'packet.from_node_id',
      'packet.to_node_id',
    ]);
}

/** Every gateway's report of one traceroute packet, in arrival order (`idx_traceroute_packet_id`). */
export function tracerouteReportsQuery(
  db: Kysely<Database>,
  packetId: number,
): ListQuery<TracerouteRow> {
  return withPacket(db)
    .where('traceroute.packet_id', '=', packetId)
    .orderBy('traceroute.import_time_us')
    .orderBy('traceroute.id');
}

/**
 * Traceroute reports imported since `sinceUs`, newest first, at most
 * {@link MAX_EDGE_TRACEROUTES} (`idx_traceroute_import_time_us`).
 */
export function recentTraceroutesQuery(
  db: Kysely<Database>,
  sinceUs: number,
): ListQuery<TracerouteRow> {
  return withPacket(db)
    .where('traceroute.import_time_us', '>=', sinceUs)
    .orderBy('traceroute.import_time_us', 'desc')
    .limit(MAX_EDGE_TRACEROUTES);
}

/** A traceroute report without its packet's ends ({@link packetEndsQuery} adds them). */
export type WindowTracerouteRow = Omit<TracerouteRow, 'from_node_id' | 'to_node_id'>;

/**
 * Traceroute reports imported since `sinceUs`, newest first, at most {@link MAX_WINDOW_REPORTS}
 * (`idx_traceroute_import_time_us`). Without the packet join: over a long window a planner
 * would join by reading `packet` whole; the ends come by primary key instead.
 */
export function windowTraceroutesQuery(
  db: Kysely<Database>,
  sinceUs: number,
): ListQuery<WindowTracerouteRow> {
  return db
    .selectFrom('traceroute')
    .select(['packet_id', 'gateway_node_id', 'done', 'route', 'import_time_us'])
    .where('import_time_us', '>=', sinceUs)
    .orderBy('import_time_us', 'desc')
    .limit(MAX_WINDOW_REPORTS);
}

/** How many packet ids {@link packetEndsQuery} takes at once. */
export const PACKET_ENDS_BATCH = 500;

/** The sender and receiver of these packets (at most {@link PACKET_ENDS_BATCH}), by primary key. */
export function packetEndsQuery(
  db: Kysely<Database>,
  packetIds: readonly number[],
): ListQuery<Pick<Selectable<Database['packet']>, 'id' | 'from_node_id' | 'to_node_id'>> {
  return db
    .selectFrom('packet')
    .select(['id', 'from_node_id', 'to_node_id'])
    .where('id', 'in', packetIds.length > 0 ? [...packetIds] : [-1]);
}
