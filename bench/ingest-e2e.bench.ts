/**
 * End-to-end ingest benchmark (issue 17, items 1 and 5): a publisher sends gateway envelopes
 * through Mosquitto (--broker, default mqtt://127.0.0.1:1883, under a topic root of its own) to
 * a real `node apps/writer` (compiled), on SQLite and on PostgreSQL (`TEST_PG_URL`; skipped, and
 * said so, when unset). The publisher, the broker, the writer and PostgreSQL share the
 * machine's cores.
 *
 * - Highest rate held: the offered rate steps up (--rates); each step publishes for
 *   --step-seconds, and is held when the publisher reached the rate, the backlog (published minus
 *   what the writer finished with, from its /metrics) did not grow from the step's first half to
 *   its last third by more than a quarter second of traffic, and nothing was lost once the
 *   writer caught up. Steps stop at the first that is not held. One writer and one database for
 *   all steps: the database grows as it would.
 * - Latency at --latency-rate (the first step): per reception, from its publish to its row being
 *   visible to another connection (polled every --poll-ms, so at most that much above the
 *   commit), and from its publish to its `import_time_us` (when the writer decoded it: a lower
 *   bound of the commit); p50, p99, max.
 * - The writer's peak RSS (VmHWM) over all of it.
 *
 * Before the steps, --warmup-seconds at 1,000/s (not measured): a writer runs for days.
 *
 * QoS 0 on both sides: what Meshtastic gateways publish with and what the writer subscribes
 * with by default. A writer that falls behind then loses messages at the broker instead of
 * slowing the publisher: it shows as backlog and loss, and the step is not held.
 *
 *   npm run bench:ingest-e2e -- [--rates 5000,7500,10000,12500,15000,20000,25000,30000,40000]
 *     [--step-seconds 30] [--warmup-seconds 5] [--sqlite-only] [--broker mqtt://127.0.0.1:1883]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import mqtt, { type MqttClient } from 'mqtt';
import pg from 'pg';
import { createKeyRing, interpretEnvelope } from '@meshview/mesh';
import type { MeshMessage } from '@meshview/sim';
import { peakRssMb } from './peak-rss.js';
import { writeResults } from './results.js';
import { cpuTicks, formatSteal, stealShare } from './steal.js';
import { commitWatcher, type CommitWatcher } from './ingest/commit-watcher.js';
import { IngestTraffic } from './ingest/ingest-traffic.js';
import { writerProgress } from './ingest/writer-metrics-client.js';

const { values: args } = parseArgs({
  options: {
    rates: { type: 'string', default: '5000,7500,10000,12500,15000,20000,25000,30000,40000' },
    'step-seconds': { type: 'string', default: '30' },
    'latency-rate': { type: 'string', default: '5000' },
    'poll-ms': { type: 'string', default: '10' },
    'warmup-seconds': { type: 'string', default: '5' },
    broker: { type: 'string', default: 'mqtt://127.0.0.1:1883' },
    'sqlite-only': { type: 'boolean', default: false },
  },
});
const RATES = args.rates.split(',').map(Number);
const LATENCY_RATE = Number(args['latency-rate']);
const STEPS = [LATENCY_RATE, ...RATES.filter((r) => r > LATENCY_RATE)];
const STEP_S = Number(args['step-seconds']);
const POLL_MS = Number(args['poll-ms']);
const broker = new URL(args.broker);
const root = `msh/bench-ingest-${process.pid}`;
const keyRing = createKeyRing([]);

interface Step {
  readonly offered: number;
  readonly published_per_s: number;
  readonly backlog_first_half: number;
  readonly backlog_last_third: number;
  readonly lost: number;
  readonly catch_up_s: number;
  readonly held: boolean;
  /** The hypervisor's share of the machine's CPU time over the step (publishing and catch-up). */
  readonly steal_percent: number | null;
}

interface Latency {
  readonly rate: number;
  readonly receptions: number;
  readonly unseen: number;
  readonly commit_ms: Percentiles;
  readonly decode_ms: Percentiles;
}

interface Percentiles {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

const figures: Record<string, unknown> = {};
const targets: { name: 'sqlite' | 'postgres'; url: () => Promise<Target> }[] = [
  { name: 'sqlite', url: () => Promise.resolve(sqliteTarget()) },
];
const pgUrl = process.env.TEST_PG_URL;
if (pgUrl && !args['sqlite-only'])
  targets.push({ name: 'postgres', url: () => postgresTarget(pgUrl) });
else {
  console.log(
    args['sqlite-only']
      ? 'PostgreSQL skipped (--sqlite-only)'
      : 'PostgreSQL SKIPPED: TEST_PG_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres)',
  );
  figures.postgres = 'skipped';
}
console.log(
  `steps of ${STEP_S} s at ${STEPS.join(', ')} envelopes/s (QoS 0); publisher, Mosquitto, writer ` +
    'and database share this machine’s cores',
);

const traffic = new IngestTraffic({ root });
for (const { name, url } of targets) {
  const target = await url();
  try {
    figures[name] = await runWriter(name, target);
  } finally {
    await target.drop();
  }
}
const file = writeResults('ingest-e2e', {
  broker: `${broker.host} (Mosquitto)`,
  qos: 0,
  step_seconds: STEP_S,
  warmup_seconds: Number(args['warmup-seconds']),
  poll_ms: POLL_MS,
  held_rule:
    'publisher reached ≥ 97% of the offered rate; mean backlog over the last third ≤ mean over ' +
    'the first half + 0.25 s of traffic; nothing lost after catching up',
  ...figures,
});
console.log(`written to ${file}`);

interface Target {
  readonly url: string;
  readonly file: string | null;
  drop(): Promise<void>;
}

function sqliteTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), 'mv-ingest-e2e-'));
  const file = join(dir, 'e2e.db');
  return {
    url: `sqlite:///${file}`,
    file,
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

async function postgresTarget(serverUrl: string): Promise<Target> {
  const name = 'meshview_bench_ingest_e2e';
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    file: null,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function runWriter(name: string, target: Target): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'mv-ingest-e2e-config-'));
  const metricsPort = await freePort();
  writeFileSync(
    join(dir, 'config.ini'),
    `[database]\nconnection_string = ${target.url}\n` +
      `[mqtt]\nserver = ${broker.hostname}\nport = ${broker.port || 1883}\ntopics = ["${root}/#"]\n` +
      `[metrics]\nwriter_port = ${metricsPort}\n[server]\nport = 0\n[logging]\nlevel = warn\n`,
  );
  const writer = spawn(process.execPath, ['apps/writer', '--config', join(dir, 'config.ini')], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? '' },
  });
  const client = mqtt.connect(args.broker, { reconnectPeriod: 0 });
  try {
    await new Promise((resolve) => client.once('connect', resolve));
    await waitForWriter(writer, metricsPort);
    // A writer runs for days: its JIT, caches and connections are warm. Not measured.
    const warmup = Number(args['warmup-seconds']);
    if (warmup > 0) await step(client, metricsPort, 1000, traffic.take(1000 * warmup), null);
    const steps: Step[] = [];
    let latency: Latency | null = null;
    for (const rate of STEPS) {
      const messages = traffic.take(rate * STEP_S);
      const watcher =
        rate === LATENCY_RATE
          ? await commitWatcher(target.file ? { file: target.file } : { url: target.url })
          : null;
      const result = await step(client, metricsPort, rate, messages, watcher);
      await watcher?.close();
      steps.push(result.step);
      latency ??= result.latency;
      const s = result.step;
      console.log(
        `${name} ${fmt(rate)}/s: published ${fmt(s.published_per_s)}/s, backlog ${fmt(s.backlog_first_half)} → ` +
          `${fmt(s.backlog_last_third)}, lost ${fmt(s.lost)}, caught up in ${s.catch_up_s.toFixed(1)} s ` +
          `(steal ${formatSteal(s.steal_percent)}): ` +
          `${s.held ? 'held' : 'NOT held'}`,
      );
      if (!s.held) break;
    }
    const peak = peakRssMb(writer.pid!);
    const held = steps.filter((s) => s.held).map((s) => s.offered);
    const highest = held.length > 0 ? Math.max(...held) : 0;
    const lastTried = steps.at(-1)!.offered;
    console.log(`\n${name}:`);
    console.table({
      'highest rate held (envelopes/s)': {
        value:
          highest === 0
            ? `< ${fmt(STEPS[0]!)} (the lowest tried)`
            : highest === lastTried
              ? `≥ ${fmt(highest)} (the highest tried)`
              : fmt(highest),
      },
      [`p50 / p99 / max publish→commit at ${fmt(LATENCY_RATE)}/s (ms)`]: {
        value: latency
          ? `${latency.commit_ms.p50} / ${latency.commit_ms.p99} / ${latency.commit_ms.max}`
          : '-',
      },
      [`p50 / p99 publish→decoded (import_time_us) (ms)`]: {
        value: latency ? `${latency.decode_ms.p50} / ${latency.decode_ms.p99}` : '-',
      },
      'writer peak RSS (MB)': { value: String(peak) },
    });
    return {
      highest_rate_held: highest,
      highest_rate_tried: lastTried,
      latency,
      writer_peak_rss_mb: peak,
      steps,
    };
  } finally {
    client.end(true);
    writer.kill('SIGTERM');
    if (writer.exitCode === null) await new Promise((resolve) => writer.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One step: publish `messages` at `rate`/s, sample the backlog each second, wait to catch up. */
async function step(
  client: MqttClient,
  metricsPort: number,
  rate: number,
  messages: readonly MeshMessage[],
  watcher: CommitWatcher | null,
): Promise<{ step: Step; latency: Latency | null }> {
  // Each reception's first publish, for the latency step.
  const keys = watcher ? messages.map(receptionKey) : [];
  const publishedAt = new Map<string, number>();
  const committedAt = new Map<string, number>();
  const importedAt = new Map<string, number>();
  let watching = watcher !== null;
  const watch = (async () => {
    while (watching) {
      const rows = await watcher!.poll();
      const now = performance.now();
      for (const r of rows) {
        if (!committedAt.has(r.key)) {
          committedAt.set(r.key, now);
          importedAt.set(r.key, r.importTimeUs / 1000 - performance.timeOrigin);
        }
      }
      await sleep(POLL_MS);
    }
  })();

  const base = (await writerProgress(metricsPort)).done;
  const ticks = cpuTicks();
  const samples: { t: number; backlog: number }[] = [];
  const started = performance.now();
  let sent = 0;
  let nextSample = 1000;
  while (sent < messages.length) {
    const elapsed = performance.now() - started;
    const due = Math.min(messages.length, Math.floor((elapsed / 1000) * rate));
    for (; sent < due; sent++) {
      const m = messages[sent]!;
      if (watcher) {
        const key = keys[sent];
        if (key && !publishedAt.has(key)) publishedAt.set(key, performance.now());
      }
      client.publish(m.topic, Buffer.from(m.payload), { qos: 0 });
    }
    if (elapsed >= nextSample) {
      nextSample += 1000;
      const done = (await writerProgress(metricsPort)).done - base;
      samples.push({ t: elapsed / 1000, backlog: sent - done });
    }
    await sleep(10);
  }
  const publishSeconds = (performance.now() - started) / 1000;
  // Catch-up: until the writer finished with everything, or made no progress for 5 s.
  let done = 0;
  let lastProgress = performance.now();
  const catchUpFrom = performance.now();
  while (done < messages.length && performance.now() - lastProgress < 5000) {
    await sleep(250);
    const now = (await writerProgress(metricsPort)).done - base;
    if (now !== done) lastProgress = performance.now();
    done = now;
  }
  const catchUp = (Math.max(lastProgress, catchUpFrom) - catchUpFrom) / 1000;
  const steal = stealShare(ticks, cpuTicks());
  await sleep(3 * POLL_MS);
  watching = false;
  await watch;

  const mean = (from: number, to: number): number => {
    const xs = samples
      .filter((s) => s.t >= from * STEP_S && s.t < to * STEP_S)
      .map((s) => s.backlog);
    return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
  };
  const first = mean(0, 0.5);
  const last = mean(2 / 3, 1.01);
  const publishedRate = messages.length / publishSeconds;
  const lost = messages.length - done;
  const result: Step = {
    offered: rate,
    published_per_s: Math.round(publishedRate),
    backlog_first_half: Math.round(first),
    backlog_last_third: Math.round(last),
    lost,
    catch_up_s: Math.round(catchUp * 10) / 10,
    held: publishedRate >= 0.97 * rate && last <= first + 0.25 * rate && lost === 0,
    steal_percent: steal,
  };
  if (!watcher) return { step: result, latency: null };
  const commit: number[] = [];
  const decode: number[] = [];
  for (const [key, at] of publishedAt) {
    const c = committedAt.get(key);
    if (c !== undefined) {
      commit.push(c - at);
      decode.push(importedAt.get(key)! - at);
    }
  }
  return {
    step: result,
    latency: {
      rate,
      receptions: publishedAt.size,
      unseen: publishedAt.size - commit.length,
      commit_ms: percentiles(commit),
      decode_ms: percentiles(decode),
    },
  };
}

/** `packet_id node_id rx_time` of the reception a message reports ('' when none). */
function receptionKey(m: MeshMessage): string {
  const r = interpretEnvelope(m.topic, m.payload, { keyRing, skipNodeIds: new Set(), nowUs: 1 });
  if (r.kind !== 'packet' || !r.record.seen) return '';
  const { packet_id, node_id, rx_time } = r.record.seen;
  return `${packet_id} ${node_id} ${rx_time}`;
}

function percentiles(xs: number[]): Percentiles {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted.length === 0
      ? NaN
      : Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10;
  return { p50: at(0.5), p99: at(0.99), max: at(1) };
}

/** Until the writer serves its metrics and has subscribed (a second after its migrations). */
async function waitForWriter(writer: ChildProcess, port: number): Promise<void> {
  for (;;) {
    if (writer.exitCode !== null) throw new Error(`the writer exited with ${writer.exitCode}`);
    try {
      await writerProgress(port);
      break;
    } catch {
      await sleep(200);
    }
  }
  await sleep(1500);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en');
}
