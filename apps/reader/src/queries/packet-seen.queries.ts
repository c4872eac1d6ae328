import type { Kysely, Selectable } from 'kysely';
import { columnNames, type Database } from '@meshview/db';
import type { ListQuery } from './list-query.js';

/** A `packet_seen` row (one gateway's reception of a packet), with the gateway's names and place. */
export type PacketSeenRow = Selectable<Database['packet_seen']> &
  Pick<Selectable<Database['node']>, 'long_name' | 'short_name' | 'last_lat' | 'last_long'>;

const COLUMNS = columnNames('packet_seen').map((name) => `packet_seen.${name}` as const);

/**
 * Every gateway report of a packet, newest first (`idx_packet_seen_packet_id`), with the table's
 * columns in table order (and nothing else the database may hold), then the gateway's names and
 * last position from `node` (null when the gateway is unknown), each looked up by the node's key:
 * as a left join, PostgreSQL hashed the whole node table for a packet's dozen reports.
 */
export function packetSeenQuery(db: Kysely<Database>, packetId: number): ListQuery<PacketSeenRow> {
  return db
    .selectFrom('packet_seen')
    .select(COLUMNS)
    .select((eb) => {
      const gateway = <C extends 'long_name' | 'short_name' | 'last_lat' | 'last_long'>(
        column: C,
      ) =>
        eb
          .selectFrom('node')
          .select(`node.${column}`)
          .whereRef('node.node_id', '=', 'packet_seen.node_id')
          .as(column);
      return [
        gateway('long_name'),
        gateway('short_name'),
        gateway('last_lat'),
        gateway('last_long'),
      ];
    })
    .where('packet_seen.packet_id', '=', packetId)
    .orderBy('packet_seen.import_time_us', 'desc')
    .orderBy('packet_seen.node_id');
}

/** Whether a packet with this id is stored (by primary key). */
export async function packetExists(db: Kysely<Database>, packetId: number): Promise<boolean> {
  const row = await db
    .selectFrom('packet')
    .select('id')
    .where('id', '=', packetId)
    .executeTakeFirst();
  return row !== undefined;
}
