import type { Kysely } from 'kysely';
import type { DialectName } from '@meshview/db';
import type { PacketRow, PacketSeenRow, TracerouteRow } from '@meshview/mesh';
import { MultiRowInsert } from './multi-row-insert.js';
import type { StoredPacket } from './plan-packets.js';
import { queryWhereIn } from './query-where-in.js';

/** A stored packet: what `planPackets` needs, and the keys the roll-ups count it under. */
export interface StoredPacketKeys extends StoredPacket {
  readonly to_node_id: number | null;
  readonly portnum: number | null;
  readonly channel: string | null;
}

/** A reception a batch inserted. */
export interface InsertedSeen {
  readonly packet_id: number;
  readonly import_time_us: number;
}

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
      columns: [
        'id',
        'portnum',
        'from_node_id',
        'to_node_id',
        'payload',
        'import_time_us',
        'channel',
      ],
      // Which packets this batch inserted: only those count in the statistics roll-ups.
      conflictKey: ['id'],
    });
    this.#seen = new MultiRowInsert(dialect, {
      table: 'packet_seen',
      columns: [
        'packet_id',
        'node_id',
        'rx_time',
        'hop_limit',
        'hop_start',
        'channel',
        'rx_snr',
        'rx_rssi',
        'topic',
        'import_time_us',
      ],
      conflictKey: ['packet_id', 'node_id', 'rx_time'],
    });
    this.#traceroutes = new MultiRowInsert(dialect, {
      table: 'traceroute',
      columns: ['packet_id', 'gateway_node_id', 'done', 'route', 'import_time_us'],
    });
  }

  /** The stored packets among `ids`, by id, with what the statistics roll-ups count them by. */
  async findStored(
    conn: Kysely<any>,
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
  async insertPackets(conn: Kysely<any>, rows: readonly PacketRow[]): Promise<number[]> {
    const inserted = await this.#packets.insertNew(conn, rows, (p) => [
      p.id,
      p.portnum,
      p.from_node_id,
      p.to_node_id,
      p.payload,
      p.import_time_us,
      p.channel,
    ]);
    return inserted.map((p) => p.id);
  }

  /** Inserts receptions not stored yet (by packet, gateway and rx_time); returns those inserted. */
  insertSeen(conn: Kysely<any>, rows: readonly PacketSeenRow[]): Promise<PacketSeenRow[]> {
    return this.#seen.insertNew(conn, rows, (s) => [
      s.packet_id,
      s.node_id,
      s.rx_time,
      s.hop_limit,
      s.hop_start,
      s.channel,
      s.rx_snr,
      s.rx_rssi,
      s.topic,
      s.import_time_us,
    ]);
  }

  /** Inserts one traceroute row per report; returns how many. */
  insertTraceroutes(conn: Kysely<any>, rows: readonly TracerouteRow[]): Promise<number> {
    return this.#traceroutes.run(
      conn,
      rows.map((t) => [t.packet_id, t.gateway_node_id, t.done, t.route, t.import_time_us]),
    );
  }
}
