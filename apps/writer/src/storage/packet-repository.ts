import type { Kysely, Selectable } from 'kysely';
import { columnNames, type Database, type DialectName } from '@meshview/db';
import type { PacketRow, PacketSeenRow, TracerouteRow } from '@meshview/mesh';
import { MultiRowInsert } from './multi-row-insert.js';
import type { StoredPacket } from './plan-packets.js';
import { queryWhereIn } from './query-where-in.js';
import type { Fits, RowMisfit } from './row-misfit.js';

/**
 * Compile-time: the rows `@meshview/mesh` makes are rows of the tables they go to (a traceroute
 * row leaves its generated id and MeshView's unused `route_return` to the database).
 */
export type MeshPacketRowsFit = Fits<
  [
    RowMisfit<'packet', PacketRow>,
    RowMisfit<'packet_seen', PacketSeenRow>,
    RowMisfit<'traceroute', TracerouteRow, 'id' | 'route_return'>,
  ]
>;

/** The columns the repository inserts, by table: read off the tables' models. */
export const PACKET_INSERT_COLUMNS = Object.freeze({
  packet: columnNames('packet'),
  packet_seen: columnNames('packet_seen'),
  traceroute: columnNames('traceroute', ['id', 'route_return']),
});
const {
  packet: PACKET_COLUMNS,
  packet_seen: SEEN_COLUMNS,
  traceroute: TRACEROUTE_COLUMNS,
} = PACKET_INSERT_COLUMNS;

/** A stored packet: what `planPackets` needs, and the keys the roll-ups count it under. */
export type StoredPacketKeys = StoredPacket &
  Pick<Selectable<Database['packet']>, 'to_node_id' | 'portnum' | 'channel'>;

/** A reception a batch inserted. */
export type InsertedSeen = Pick<PacketSeenRow, 'packet_id' | 'import_time_us'>;

/**
 * `packet`, `packet_seen` and `traceroute`: one lookup of the ids a batch reports, then one
 * multi-row insert per table (children after parents, as the foreign keys want).
 */
export class PacketRepository {
  readonly #dialect: DialectName;
  readonly #packets: MultiRowInsert;
  readonly #seen: MultiRowInsert;
  readonly #traceroutes: MultiRowInsert;

  constructor(dialect: DialectName) {
    this.#dialect = dialect;
    this.#packets = new MultiRowInsert(dialect, {
      table: 'packet',
      columns: PACKET_COLUMNS,
      // Which packets this batch inserted: only those count in the statistics roll-ups.
      conflictKey: ['id'],
    });
    this.#seen = new MultiRowInsert(dialect, {
      table: 'packet_seen',
      columns: SEEN_COLUMNS,
      conflictKey: ['packet_id', 'node_id', 'rx_time'],
    });
    this.#traceroutes = new MultiRowInsert(dialect, {
      table: 'traceroute',
      columns: TRACEROUTE_COLUMNS,
    });
  }

  /** The stored packets among `ids`, by id, with what the statistics roll-ups count them by. */
  async findStored(
    conn: Kysely<Database>,
    ids: readonly number[],
  ): Promise<Map<number, StoredPacketKeys>> {
    const { rows } = await queryWhereIn<StoredPacketKeys & { id: number }>(
      conn,
      this.#dialect,
      'SELECT id, from_node_id, to_node_id, portnum, channel, import_time_us FROM packet WHERE id IN',
      ids,
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Inserts packets whose id is not taken; returns the ids inserted. */
  async insertPackets(conn: Kysely<Database>, rows: readonly PacketRow[]): Promise<number[]> {
    const inserted = await this.#packets.insertNew(conn, rows, (p) =>
      PACKET_COLUMNS.map((c) => p[c]),
    );
    return inserted.map((p) => p.id);
  }

  /** Inserts receptions not stored yet (by packet, gateway and rx_time); returns those inserted. */
  insertSeen(conn: Kysely<Database>, rows: readonly PacketSeenRow[]): Promise<PacketSeenRow[]> {
    return this.#seen.insertNew(conn, rows, (s) => SEEN_COLUMNS.map((c) => s[c]));
  }

  /** Inserts one traceroute row per report; returns how many. */
  insertTraceroutes(conn: Kysely<Database>, rows: readonly TracerouteRow[]): Promise<number> {
    return this.#traceroutes.run(
      conn,
      rows.map((t) => TRACEROUTE_COLUMNS.map((c) => t[c])),
    );
  }
}
