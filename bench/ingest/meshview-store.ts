import type { NodeUpsert, PacketRecord } from '@meshview/mesh';
import type { MeshviewSession, SqlValue } from './meshview-session.js';

const MAP_REPORT_APP = 73;

/** The `node` fields an upsert may set, besides its keys and seen times. */
const NODE_FIELDS = [
  'long_name',
  'short_name',
  'hw_model',
  'firmware',
  'role',
  'last_lat',
  'last_long',
  'precision_bits',
  'channel',
] as const;

/**
 * MeshView's way of storing (its `process_envelope`, as /work/shared/reference/meshview.md §4.3
 * describes it), on our decoded records and our schema: per envelope one transaction, a SELECT
 * before each INSERT or UPDATE. A map report's node is written first in a transaction of its
 * own; then the packet (if its id is not stored), the gateway flag (once per gateway and
 * process, as MeshView caches it), the reception (if not stored), the nodes, the public key and
 * the traceroute; then the commit.
 *
 * Two departures, so that all contenders store the same rows: a position of a node not yet
 * stored inserts it (MeshView only updates stored nodes), and a traceroute row is written for a
 * new reception only (MeshView writes one per report; every report here is a new reception).
 */
export class MeshviewStore {
  readonly #session: MeshviewSession;
  readonly #gateways = new Set<number>();

  constructor(session: MeshviewSession) {
    this.#session = session;
  }

  async store(record: PacketRecord): Promise<void> {
    const s = this.#session;
    const { packet: p, seen } = record;
    const mapReport = p.portnum === MAP_REPORT_APP;
    if (mapReport) {
      await s.begin();
      for (const n of record.nodes) await this.#node(n);
      await s.commit();
    }
    await s.begin();
    if (!(await s.exists('SELECT 1 FROM packet WHERE id = $1', [p.id]))) {
      await s.run(
        'INSERT INTO packet (id, portnum, from_node_id, to_node_id, payload, import_time_us, channel) ' +
          'VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [
          p.id,
          p.portnum,
          p.from_node_id,
          p.to_node_id,
          buffer(p.payload),
          p.import_time_us,
          p.channel,
        ],
      );
    }
    const gw = record.gatewayNodeId;
    if (gw !== null && !this.#gateways.has(gw)) {
      this.#gateways.add(gw);
      await s.run('UPDATE node SET is_mqtt_gateway = TRUE WHERE node_id = $1', [gw]);
    }
    let newReception = false;
    if (
      seen &&
      !(await s.exists(
        'SELECT 1 FROM packet_seen WHERE packet_id = $1 AND node_id = $2 AND rx_time = $3',
        [seen.packet_id, seen.node_id, seen.rx_time],
      ))
    ) {
      newReception = true;
      await s.run(
        'INSERT INTO packet_seen (packet_id, node_id, rx_time, hop_limit, hop_start, channel, ' +
          'rx_snr, rx_rssi, topic, import_time_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
        [
          seen.packet_id,
          seen.node_id,
          seen.rx_time,
          seen.hop_limit,
          seen.hop_start,
          seen.channel,
          seen.rx_snr,
          seen.rx_rssi,
          seen.topic,
          seen.import_time_us,
        ],
      );
    }
    if (!mapReport) for (const n of record.nodes) await this.#node(n);
    const k = record.publicKey;
    if (k) {
      const key = [k.node_id, k.public_key];
      if (
        await s.exists('SELECT 1 FROM node_public_key WHERE node_id = $1 AND public_key = $2', key)
      ) {
        await s.run(
          'UPDATE node_public_key SET last_seen_us = $1 WHERE node_id = $2 AND public_key = $3',
          [k.seen_us, ...key],
        );
      } else {
        await s.run(
          'INSERT INTO node_public_key (node_id, public_key, first_seen_us, last_seen_us) ' +
            'VALUES ($1, $2, $3, $4)',
          [...key, k.seen_us, k.seen_us],
        );
      }
    }
    const t = record.traceroute;
    if (t && (newReception || !seen)) {
      await s.run(
        'INSERT INTO traceroute (packet_id, gateway_node_id, done, route, import_time_us) ' +
          'VALUES ($1, $2, $3, $4, $5)',
        [t.packet_id, t.gateway_node_id, t.done, buffer(t.route), t.import_time_us],
      );
    }
    await s.commit();
  }

  /** Looks the node up by its number, then updates the fields given, or inserts it. */
  async #node(n: NodeUpsert): Promise<void> {
    const s = this.#session;
    const fields = NODE_FIELDS.filter((f) => n[f] !== undefined);
    const values: SqlValue[] = fields.map((f) => n[f]!);
    if (await s.exists('SELECT 1 FROM node WHERE node_id = $1', [n.node_id])) {
      const set = fields.map((f, i) => `${f} = $${i + 1}`);
      const at = fields.length;
      await s.run(
        `UPDATE node SET ${[...set, `last_seen_us = $${at + 1}`].join(', ')}, ` +
          `first_seen_us = COALESCE(first_seen_us, $${at + 2}) WHERE node_id = $${at + 3}`,
        [...values, n.seen_us, n.seen_us, n.node_id],
      );
    } else {
      const columns = ['id', 'node_id', ...fields, 'first_seen_us', 'last_seen_us'];
      await s.run(
        `INSERT INTO node (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        [n.id, n.node_id, ...values, n.seen_us, n.seen_us],
      );
    }
  }
}

function buffer(b: Uint8Array): Buffer {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}
