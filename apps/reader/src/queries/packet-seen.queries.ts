import type { Kysely, Selectable } from 'kysely';
import { columnNames, type Database } from '@meshview/db';
import type { ListQuery } from './list-query.js';

/** A `packet_seen` row: one gateway's reception of a packet. */
export type PacketSeenRow = Selectable<Database['packet_seen']>;

const COLUMNS = columnNames('packet_seen');

/**
 * Every gateway report of a packet, newest first (`idx_packet_seen_packet_id`), with the table's
 * columns in table order (and nothing else the database may hold).
 */
export function packetSeenQuery(db: Kysely<Database>, packetId: number): ListQuery<PacketSeenRow> {
  return db
    .selectFrom('packet_seen')
    .select(COLUMNS)
    .where('packet_id', '=', packetId)
    .orderBy('import_time_us', 'desc')
    .orderBy('node_id');
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
