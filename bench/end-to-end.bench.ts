/**
 * End-to-end ingest benchmark: a publisher sends a realistic stream through a broker (Mosquitto
 * at --broker, default mqtt://127.0.0.1:1883) to a real `node apps/writer` on a fresh SQLite
 * database; prints envelopes/s from the first publish to the last row written, and the writer's
 * peak memory (VmHWM). The bars: ≥ 20,000 envelopes/s, ≤ 200 MB RSS.
 *
 *   npm run bench:e2e -- [--messages 200000] [--broker mqtt://127.0.0.1:1883]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import mqtt from 'mqtt';
import { sql } from 'kysely';
import { openDatabase } from '@meshview/db';
import { messages } from './envelopes.js';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '200000' },
    broker: { type: 'string', default: 'mqtt://127.0.0.1:1883' },
  },
  allowPositionals: true,
});
const COUNT = Number(args.messages);
const broker = new URL(args.broker!);
const root = `msh/bench-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'mv-e2e-'));
const url = `sqlite:///${join(dir, 'e2e.db')}`;
writeFileSync(
  join(dir, 'config.ini'),
  `[database]\nconnection_string = ${url}\n[mqtt]\nserver = ${broker.hostname}\nport = ${broker.port || 1883}\n` +
    `topics = ["${root}/#"]\n[server]\nport = 0\n[logging]\nlevel = warn\n`,
);
const input = messages(COUNT, root);

const writer = spawn(process.execPath, ['apps/writer', '--config', join(dir, 'config.ini')], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
let peakKb = 0;
const watch = setInterval(() => {
  try {
    const status = readFileSync(`/proc/${writer.pid}/status`, 'utf8');
    peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
  } catch {
    // not started yet, or gone
  }
}, 200);

const db = await openDatabase<any>(url).catch(async () => {
  await sleep(2000);
  return openDatabase<any>(url);
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

const client = mqtt.connect(args.broker!, { reconnectPeriod: 0 });
await new Promise((resolve) => client.once('connect', resolve));
const started = performance.now();
let sent = 0;
for (const m of input) {
  client.publish(m.topic, Buffer.from(m.payload), { qos: 0 });
  if (++sent % 2000 === 0) await new Promise((resolve) => setImmediate(resolve)); // let the socket drain
}
const expected = input.length - Math.floor(input.length * 0); // every message is a reception
let rows = 0;
for (let idle = 0; idle < 50;) {
  const now = await seenRows();
  idle = now === rows ? idle + 1 : 0;
  rows = now;
  if (rows >= expected) break;
  await sleep(100);
}
const seconds = (performance.now() - started) / 1000;
clearInterval(watch);
client.end(true);
writer.kill('SIGTERM');
await new Promise((resolve) => writer.once('exit', resolve));
const stored = await seenRows();
await db.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  `${input.length} messages sent, ${stored} receptions stored (QoS 0: the broker may drop under load), ` +
    `${Math.round(stored / seconds).toLocaleString('en')} envelopes/s end to end; ` +
    `writer peak RSS ${Math.round(peakKb / 1024)} MB`,
);
