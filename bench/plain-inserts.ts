/**
 * The benchmarks' yardstick: the same rows as the writer stores, written with plain prepared
 * better-sqlite3 INSERTs (upserts where the writer upserts) in 1000-row transactions, foreign keys
 * on. Returns records/s.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { PacketRecord } from '@meshview/mesh';

export function plainInserts(file: string, records: readonly PacketRecord[]): number {
  return timedPlainInserts(file, records).perSecond;
}

/** Records/s of {@link plainInserts}, by the clock and by the process's CPU time. */
export interface PlainInsertRates {
  readonly perSecond: number;
  /** Records per CPU-second of this process: less disturbed by other processes on the machine. */
  readonly perCpuSecond: number;
}

/** {@link plainInserts}, also measured in CPU time. */
export function timedPlainInserts(
  file: string,
  records: readonly PacketRecord[],
): PlainInsertRates {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const packet = db.prepare(
    'INSERT INTO packet (id, portnum, from_node_id, to_node_id, payload, import_time_us, channel) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  );
  const seen = db.prepare(
    'INSERT INTO packet_seen (packet_id, node_id, rx_time, hop_limit, hop_start, channel, rx_snr, ' +
      'rx_rssi, topic, import_time_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ' +
      'ON CONFLICT (packet_id, node_id, rx_time) DO NOTHING',
  );
  const node = db.prepare(
    'INSERT INTO node (id, node_id, long_name, short_name, hw_model, firmware, role, last_lat, ' +
      'last_long, channel, first_seen_us, last_seen_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ' +
      'ON CONFLICT (id) DO UPDATE SET long_name = coalesce(excluded.long_name, long_name), ' +
      'short_name = coalesce(excluded.short_name, short_name), hw_model = coalesce(excluded.hw_model, hw_model), ' +
      'firmware = coalesce(excluded.firmware, firmware), role = coalesce(excluded.role, role), ' +
      'last_lat = coalesce(excluded.last_lat, last_lat), last_long = coalesce(excluded.last_long, last_long), ' +
      'channel = coalesce(excluded.channel, channel), last_seen_us = excluded.last_seen_us',
  );
  const traceroute = db.prepare(
    'INSERT INTO traceroute (packet_id, gateway_node_id, done, route, import_time_us) VALUES (?, ?, ?, ?, ?)',
  );
  const publicKey = db.prepare(
    'INSERT INTO node_public_key (node_id, public_key, first_seen_us, last_seen_us) VALUES (?, ?, ?, ?)',
  );
  const buffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const write = db.transaction((batch: readonly PacketRecord[]) => {
    for (const r of batch) {
      const p = r.packet;
      packet.run(
        p.id,
        p.portnum,
        p.from_node_id,
        p.to_node_id,
        buffer(p.payload),
        p.import_time_us,
        p.channel,
      );
      const s = r.seen;
      if (s) {
        seen.run(
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
        );
      }
      for (const n of r.nodes) {
        node.run(
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
        );
      }
      const t = r.traceroute;
      if (t)
        traceroute.run(
          t.packet_id,
          t.gateway_node_id,
          t.done ? 1 : 0,
          buffer(t.route),
          t.import_time_us,
        );
      const k = r.publicKey;
      if (k) publicKey.run(k.node_id, k.public_key, k.seen_us, k.seen_us);
    }
  });
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  for (let i = 0; i < records.length; i += 1000) write(records.slice(i, i + 1000));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStarted);
  db.close();
  return {
    perSecond: records.length / seconds,
    perCpuSecond: records.length / ((cpu.user + cpu.system) / 1e6),
  };
}
