/**
 * Ingest pipeline benchmark (SQLite): the writer's decode-and-store pipeline (the ingest thread:
 * interpretEnvelope, counters, batching, PacketStore, as `node apps/writer` runs it) against plain
 * prepared better-sqlite3 INSERTs of the same rows in 1000-row transactions. Prints messages/s
 * of both and the ratio. The bar: the pipeline at ≥ 60% of the plain INSERTs.
 *
 *   npm run bench:pipeline -- [--messages 100000] [--rounds 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '@meshview/db';
import { createKeyRing, interpretEnvelope, type PacketRecord } from '@meshview/mesh';
import { createMeshviewMigrator } from '@meshview/migrations';
import { IngestThread } from '../apps/writer/dist/ingest/ingest-thread.js';
import { WalCheckpointer } from '../apps/writer/dist/ingest/wal-checkpointer.js';
import { createLogger } from '@meshview/log';
import { messages } from './envelopes.js';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '3' },
  },
  allowPositionals: true,
});
const COUNT = Number(args.messages);
const ROUNDS = Number(args.rounds);
const keyRing = createKeyRing([]);

async function freshDatabase(): Promise<{ url: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'mv-bench-'));
  const url = `sqlite:///${join(dir, 'bench.db')}`;
  const handle = await openDatabase<any>(url);
  await (await createMeshviewMigrator({ dialect: handle.dialect, db: handle.db })).upgrade('head');
  await handle.close();
  return { url, dir };
}

/** The pipeline as the writer runs it; messages/s from the first message to the last commit. */
async function pipeline(input: ReturnType<typeof messages>): Promise<number> {
  const { url, dir } = await freshDatabase();
  const thread = await IngestThread.start(
    {
      connectionString: url,
      reuseWindowUs: null,
      secondaryKeys: [],
      skipNodeIds: [],
      rateLimitPerNode: 0,
      rateLimitWindowMs: 60_000,
      logLevel: 'warn',
    },
    {
      onFatal: (error) => {
        throw error;
      },
    },
  );
  // As in the writer: this thread checkpoints the WAL, the ingest thread only commits.
  const main = await openDatabase<any>(url);
  const checkpointer = new WalCheckpointer(main.db, createLogger({ name: 'bench', level: 'warn' }));
  checkpointer.start();
  const started = performance.now();
  for (const m of input) {
    const wait = thread.handle(m.topic, m.payload);
    if (wait) await wait;
  }
  await thread.drain();
  const seconds = (performance.now() - started) / 1000;
  const { stored = 0, duplicates = 0 } = thread.counters;
  await thread.close();
  await checkpointer.stop();
  await main.close();
  rmSync(dir, { recursive: true, force: true });
  if (stored + duplicates !== input.length) {
    throw new Error(`stored ${stored + duplicates} of ${input.length}`);
  }
  return input.length / seconds;
}

/** Plain prepared INSERTs of the same rows, 1000 records a transaction. */
async function plain(records: readonly PacketRecord[]): Promise<number> {
  const { url, dir } = await freshDatabase();
  const db = new BetterSqlite3(url.slice('sqlite:///'.length));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const packet = db.prepare(`INSERT OR IGNORE INTO packet (id, portnum, from_node_id, to_node_id,
    payload, import_time_us, channel) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const seen =
    db.prepare(`INSERT OR IGNORE INTO packet_seen (packet_id, node_id, rx_time, hop_limit,
    hop_start, channel, rx_snr, rx_rssi, topic, import_time_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const node = db.prepare(`INSERT OR REPLACE INTO node (id, node_id, long_name, last_lat, last_long,
    last_seen_us) VALUES (?, ?, ?, ?, ?, ?)`);
  const route = db.prepare(`INSERT INTO traceroute (packet_id, gateway_node_id, done, route,
    import_time_us) VALUES (?, ?, ?, ?, ?)`);
  const write = db.transaction((batch: readonly PacketRecord[]) => {
    for (const r of batch) {
      const p = r.packet;
      packet.run(
        p.id,
        p.portnum,
        p.from_node_id,
        p.to_node_id,
        p.payload,
        p.import_time_us,
        p.channel,
      );
      const s = r.seen;
      if (s)
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
      for (const n of r.nodes)
        node.run(
          n.id,
          n.node_id,
          n.long_name ?? null,
          n.last_lat ?? null,
          n.last_long ?? null,
          n.seen_us,
        );
      const t = r.traceroute;
      if (t) route.run(t.packet_id, t.gateway_node_id, t.done ? 1 : 0, t.route, t.import_time_us);
    }
  });
  const started = performance.now();
  for (let i = 0; i < records.length; i += 1000) write(records.slice(i, i + 1000));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return records.length / seconds;
}

const input = messages(COUNT);
const records = input
  .map((m) => interpretEnvelope(m.topic, m.payload, { keyRing, skipNodeIds: new Set(), nowUs: 1 }))
  .flatMap((r) => (r.kind === 'packet' ? [r.record] : []));
console.log(
  `${input.length} messages (${new Set(records.map((r) => r.packet.id)).size} packets), ${ROUNDS} rounds, SQLite`,
);
const results: [number, number][] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const p = await pipeline(input);
  const q = await plain(records);
  results.push([p, q]);
  console.log(
    `round ${round}: pipeline ${Math.round(p).toLocaleString('en')} msg/s, plain INSERTs ${Math.round(q).toLocaleString('en')} rows/s`,
  );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p = median(results.map((r) => r[0]));
const q = median(results.map((r) => r[1]));
console.log(
  `median: pipeline ${Math.round(p).toLocaleString('en')} msg/s, plain ${Math.round(q).toLocaleString('en')} rows/s, ratio ${Math.round((100 * p) / q)}% (bar: 60%)`,
);
