/**
 * Memory under big messages: a real `node apps/writer` subscribed through a broker (Mosquitto at
 * --broker, default mqtt://127.0.0.1:1883) is sent MQTT messages far larger than any Meshtastic
 * envelope, as fast as the publisher can; prints the writer's peak resident memory (VmHWM). The
 * issue's bar: ≤ 200 MB whatever the broker sends.
 *
 *   npm run bench:big -- [--size 5000000] [--count 40] [--broker mqtt://127.0.0.1:1883]
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import mqtt from 'mqtt';
import { peakRssMb } from './peak-rss.js';
import { writeResults } from './results.js';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '5000000' },
    count: { type: 'string', default: '40' },
    broker: { type: 'string', default: 'mqtt://127.0.0.1:1883' },
  },
});
const SIZE = Number(args.size);
const COUNT = Number(args.count);
const broker = new URL(args.broker);
const root = `msh/bench-big-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'mv-big-'));
writeFileSync(
  join(dir, 'config.ini'),
  `[database]\nconnection_string = sqlite:///${join(dir, 'big.db')}\n[mqtt]\n` +
    `server = ${broker.hostname}\nport = ${broker.port || 1883}\ntopics = ["${root}/#"]\n` +
    `[server]\nport = 0\n[logging]\nlevel = info\n`,
);
const writer = spawn(process.execPath, ['apps/writer', '--config', join(dir, 'config.ini')], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
// The writer logs "writer ready" once it reads from the broker.
await new Promise<void>((resolve) =>
  writer.stdout.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes('writer ready')) resolve();
  }),
);
await sleep(1000);
const client = mqtt.connect(args.broker, { reconnectPeriod: 0 });
await new Promise((resolve) => client.once('connect', resolve));
const body = randomBytes(SIZE);
for (let i = 0; i < COUNT; i++) {
  await client.publishAsync(`${root}/2/e/LongFast/!abcdef01`, body, { qos: 1 });
}
await sleep(3000);
const peakMb = peakRssMb(writer.pid!);
await client.endAsync();
writer.kill('SIGTERM');
await new Promise((resolve) => writer.once('exit', resolve));
rmSync(dir, { recursive: true, force: true });
console.log(
  `${COUNT} messages of ${SIZE.toLocaleString('en')} bytes: writer peak RSS ` +
    `${peakMb} MB (bar: ≤ 200 MB)`,
);
console.log(
  `wrote ${writeResults('big-messages', {
    method:
      'a real writer on SQLite behind Mosquitto; random payloads published at QoS 1, one at a time',
    messages: COUNT,
    bytes_each: SIZE,
    writer_peak_rss_mb: peakMb,
    target_peak_rss_mb: 200,
  })}`,
);
