import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { ListQuery } from './list-query.js';
import type { Database } from '@meshview/db';
import type { PacketFilter } from './packet-filter.js';

/** A packet row with its sender's and receiver's long names. */
export interface PacketListRow {
  readonly id: number;
  readonly import_time_us: number | null;
  readonly channel: string | null;
  readonly from_node_id: number | null;
  readonly to_node_id: number | null;
  readonly portnum: number | null;
  readonly payload: Uint8Array | null;
  readonly long_name: string | null;
  readonly to_long_name: string | null;
}

/** Where a page of a scan ends: rows at or before `untilUs`, minus the ids already taken there. */
export interface ScanCursor {
  readonly untilUs: number;
  /** How many rows at exactly `untilUs` the previous pages returned (fetched again, skipped). */
  readonly overlap: number;
}

type PacketRow = Omit<PacketListRow, 'long_name' | 'to_long_name'>;

const PACKET_COLUMNS = [
  'id',
  'import_time_us',
  'channel',
  'from_node_id',
  'to_node_id',
  'portnum',
  'payload',
] as const;

/**
 * The newest packets matching `filter` (newest first), at most `limit`, with the nodes' long
 * names: the SQL `/api/packets` runs. Each branch reads one index range newest first and stops
 * after `limit` rows; a `node_id` filter is two such branches (sent, received) merged, so that
 * a busy node never makes the database read all its packets.
 */
export function packetListQuery(
  db: Kysely<Database>,
  filter: PacketFilter,
  limit: number,
  cursor?: ScanCursor,
): ListQuery<PacketListRow> {
  const take = limit + (cursor?.overlap ?? 0);
  // Kysely cannot type a union of derived tables as a table; the rows are PacketRow either way.
  let newest: SelectQueryBuilder<any, any, PacketRow>;
  if (filter.nodeId !== undefined) {
    const node = filter.nodeId;
    const sent = branch(db, filter, cursor, take).where('from_node_id', '=', node);
    const received = branch(db, filter, cursor, take)
      .where('to_node_id', '=', node)
      // A packet a node sent to itself is in the first branch already.
      .where((eb) => eb.or([eb('from_node_id', 'is', null), eb('from_node_id', '!=', node)]));
    newest = db
      .selectFrom(sent.as('sent'))
      .selectAll()
      .unionAll(db.selectFrom(received.as('received')).selectAll())
      .orderBy('import_time_us', 'desc')
      .limit(take);
  } else {
    newest = branch(db, filter, cursor, take);
  }
  return db
    .selectFrom(newest.as('p'))
    .leftJoin('node as fn', 'fn.node_id', 'p.from_node_id')
    .leftJoin('node as tn', 'tn.node_id', 'p.to_node_id')
    .select([
      'p.id',
      'p.import_time_us',
      'p.channel',
      'p.from_node_id',
      'p.to_node_id',
      'p.portnum',
      'p.payload',
      'fn.long_name as long_name',
      'tn.long_name as to_long_name',
    ])
    .orderBy('p.import_time_us', 'desc');
}

function branch(
  db: Kysely<Database>,
  filter: PacketFilter,
  cursor: ScanCursor | undefined,
  take: number,
): SelectQueryBuilder<Database, 'packet', PacketRow> {
  let query = db.selectFrom('packet').select(PACKET_COLUMNS);
  if (filter.packetId !== undefined) query = query.where('id', '=', filter.packetId);
  if (filter.since !== undefined) query = query.where('import_time_us', '>', filter.since);
  if (cursor !== undefined) query = query.where('import_time_us', '<=', cursor.untilUs);
  if (filter.portnum !== undefined) query = query.where('portnum', '=', filter.portnum);
  if (filter.fromNodeId !== undefined) query = query.where('from_node_id', '=', filter.fromNodeId);
  if (filter.toNodeId !== undefined) query = query.where('to_node_id', '=', filter.toNodeId);
  if (filter.channel !== undefined) query = query.where('channel', '=', filter.channel);
  return query.orderBy('import_time_us', 'desc').limit(take) as SelectQueryBuilder<
    Database,
    'packet',
    PacketRow
  >;
}
