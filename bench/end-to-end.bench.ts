/**
 * End-to-end ingest benchmark: a publisher sends a realistic stream through a broker (Mosquitto
 * at --broker, default mqtt://127.0.0.1:1883) to a real `node apps/writer` on a fresh SQLite
 * database; prints envelopes/s from the first publish to the last row written, and the writer's
 * peak memory (VmHWM). The bars: ≥ 20,000 envelopes/s, ≤ 200 MB RSS.
 *
 *   npm run bench:e2e -- [--messages 200000] [--rate 25000] [--broker mqtt://127.0.0.1:1883]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import mqtt from 'mqtt';
import { sql } from 'kysely';
import { openDatabase } from '@meshview/db';
import { createKeyRing, interpretEnvelope } from '@meshview/mesh';
import { randomTraffic } from '@meshview/sim';
import { peakRssMb } from './peak-rss.js';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '200000' },
    broker: { type: 'string', default: 'mqtt://127.0.0.1:1883' },
    rate: { type: 'string', default: '25000' },
  },
  allowPositionals: true,
});
const COUNT = Number(args.messages);
const broker = new URL(args.broker);
const root = `msh/bench-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'mv-e2e-'));
const url = `sqlite:///${join(dir, 'e2e.db')}`;
writeFileSync(
  join(dir, 'config.ini'),
  `[database]\nconnection_string = ${url}\n[mqtt]\nserver = ${broker.hostname}\nport = ${broker.port || 1883}\n` +
    `topics = ["${root}/#"]\n[server]\nport = 0\n[logging]\nlevel = warn\n`,
);
const input = randomTraffic(COUNT, { root });
// What can be stored: one row per distinct (packet, gateway, rx_time); the stream repeats some.
const keyRing = createKeyRing([]);
const distinct = new Set<string>();
for (const m of input) {
  const r = interpretEnvelope(m.topic, m.payload, { keyRing, skipNodeIds: new Set(), nowUs: 1 });
  if (r.kind === 'packet' && r.record.seen) {
    const { packet_id, node_id, rx_time } = r.record.seen;
    distinct.add(`${packet_id} ${node_id} ${rx_time}`);
  }
}

const writer = spawn(process.execPath, ['apps/writer', '--config', join(dir, 'config.ini')], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? '' },
});

const db = await openDatabase<unknown>(url).catch(async () => {
  await sleep(2000);
  return openDatabase<unknown>(url);
});
const seenRows = async (): Promise<number> => {
  try {
    return Number(
      (await sql<{ n: number }>`SELECT count(*) AS n FROM packet_seen`.execute(db.db)).rows[0]!.n,
    );
  } catch {
    return -1; // the writer has not created the tables yet
  }
};
while ((await seenRows()) < 0) await sleep(200);
await sleep(1000); // the writer subscribes once migrated

const client = mqtt.connect(args.broker, { reconnectPeriod: 0 });
await new Promise((resolve) => client.once('connect', resolve));
// Paced at --rate messages/s (in 10 ms slices), as a busy broker would deliver them.
const RATE = Number(args.rate);
const started = performance.now();
let sent = 0;
while (sent < input.length) {
  const due = Math.min(input.length, Math.floor(((performance.now() - started) / 1000) * RATE));
  for (; sent < due; sent++) {
    client.publish(input[sent]!.topic, Buffer.from(input[sent]!.payload), { qos: 0 });
  }
  await sleep(10);
}
const publishSeconds = (performance.now() - started) / 1000;
// Until every reception is in, or nothing new came for two seconds.
let rows = 0;
let lastChange = performance.now();
while (rows < distinct.size && performance.now() - lastChange < 2000) {
  const now = await seenRows();
  if (now !== rows) lastChange = performance.now();
  rows = now;
  await sleep(50);
}
const seconds = (lastChange - started) / 1000;
const peakMb = peakRssMb(writer.pid!);
client.end(true);
writer.kill('SIGTERM');
await new Promise((resolve) => writer.once('exit', resolve));
const stored = await seenRows();
await db.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  `${input.length} messages published at ${Math.round(input.length / publishSeconds).toLocaleString('en')}/s ` +
    `(asked ${RATE.toLocaleString('en')}/s); ${stored} of ${distinct.size} distinct receptions stored ` +
    `(${((100 * stored) / distinct.size).toFixed(1)}%; QoS 0, so a broker drops what it cannot deliver); ` +
    `${Math.round(stored / seconds).toLocaleString('en')} envelopes/s end to end; ` +
    `writer peak RSS ${peakMb} MB (bars: ≥ 20,000/s, ≤ 200 MB)`,
);
