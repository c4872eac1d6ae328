import pg from 'pg';
import type { NodeUpsert, PacketRecord } from '@meshview/mesh';
import type { PlainInsertRates } from '../plain-inserts.js';

type Value = string | number | boolean | Buffer | null;

const NODE_UPDATE =
  'ON CONFLICT (id) DO UPDATE SET long_name = coalesce(excluded.long_name, node.long_name), ' +
  'short_name = coalesce(excluded.short_name, node.short_name), ' +
  'hw_model = coalesce(excluded.hw_model, node.hw_model), ' +
  'firmware = coalesce(excluded.firmware, node.firmware), role = coalesce(excluded.role, node.role), ' +
  'last_lat = coalesce(excluded.last_lat, node.last_lat), ' +
  'last_long = coalesce(excluded.last_long, node.last_long), ' +
  'channel = coalesce(excluded.channel, node.channel), last_seen_us = excluded.last_seen_us';

/**
 * The PostgreSQL yardstick, the counterpart of plain-inserts.ts: the same rows and upserts in
 * 1000-record transactions, one multi-row INSERT per table and transaction (a transaction's node
 * upserts folded per node first: PostgreSQL refuses to update one row twice in a statement).
 * Returns records/s, by the clock and by this process's CPU time.
 */
export async function plainInsertsPostgres(
  url: string,
  records: readonly PacketRecord[],
): Promise<PlainInsertRates> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const insert = async (head: string, rows: Value[][], tail = ''): Promise<void> => {
    if (rows.length === 0) return;
    const values: Value[] = [];
    const tuples = rows.map((row) => {
      const start = values.length;
      values.push(...row);
      return `(${row.map((_, i) => `$${start + i + 1}`).join(', ')})`;
    });
    await client.query(`${head} VALUES ${tuples.join(', ')} ${tail}`, values);
  };
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  for (let i = 0; i < records.length; i += 1000) {
    const batch = records.slice(i, i + 1000);
    await client.query('BEGIN');
    await insert(
      'INSERT INTO packet (id, portnum, from_node_id, to_node_id, payload, import_time_us, channel)',
      batch.map(({ packet: p }) => [
        p.id,
        p.portnum,
        p.from_node_id,
        p.to_node_id,
        buffer(p.payload),
        p.import_time_us,
        p.channel,
      ]),
      'ON CONFLICT (id) DO NOTHING',
    );
    await insert(
      'INSERT INTO packet_seen (packet_id, node_id, rx_time, hop_limit, hop_start, channel, rx_snr, ' +
        'rx_rssi, topic, import_time_us)',
      batch.flatMap(({ seen: s }) =>
        s
          ? [
              [
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
              ],
            ]
          : [],
      ),
      'ON CONFLICT (packet_id, node_id, rx_time) DO NOTHING',
    );
    await insert(
      'INSERT INTO node (id, node_id, long_name, short_name, hw_model, firmware, role, last_lat, ' +
        'last_long, channel, first_seen_us, last_seen_us)',
      foldNodes(batch.flatMap((r) => r.nodes)).map((n) => [
        n.id,
        n.node_id,
        n.long_name ?? null,
        n.short_name ?? null,
        n.hw_model ?? null,
        n.firmware ?? null,
        n.role ?? null,
        n.last_lat ?? null,
        n.last_long ?? null,
        n.channel ?? null,
        n.seen_us,
        n.seen_us,
      ]),
      NODE_UPDATE,
    );
    await insert(
      'INSERT INTO traceroute (packet_id, gateway_node_id, done, route, import_time_us)',
      batch.flatMap(({ traceroute: t }) =>
        t ? [[t.packet_id, t.gateway_node_id, t.done, buffer(t.route), t.import_time_us]] : [],
      ),
    );
    await insert(
      'INSERT INTO node_public_key (node_id, public_key, first_seen_us, last_seen_us)',
      batch.flatMap(({ publicKey: k }) =>
        k ? [[k.node_id, k.public_key, k.seen_us, k.seen_us]] : [],
      ),
    );
    await client.query('COMMIT');
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStarted);
  await client.end();
  return {
    perSecond: records.length / seconds,
    perCpuSecond: records.length / ((cpu.user + cpu.system) / 1e6),
  };
}

/** One upsert per node id: later fields over earlier ones, the latest seen time. */
function foldNodes(nodes: readonly NodeUpsert[]): NodeUpsert[] {
  const byId = new Map<string, NodeUpsert>();
  for (const n of nodes) {
    const before = byId.get(n.id);
    const defined = Object.fromEntries(Object.entries(n).filter(([, v]) => v !== undefined));
    byId.set(
      n.id,
      before ? { ...before, ...defined, seen_us: Math.max(before.seen_us, n.seen_us) } : n,
    );
  }
  return [...byId.values()];
}

function buffer(b: Uint8Array): Buffer {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}
