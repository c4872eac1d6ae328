/**
 * Reader benchmark (SQLite): the reader's real app (`buildApp`, read-only connection) listening
 * on a socket, over a database of a busy mesh's two weeks (1,000,000 packets and about
 * 10,000,000 receptions from ~2,000 nodes by default; built once, then reused). A load generator
 * in a worker thread offers each list route 500 requests a second (open loop) and prints the
 * latency percentiles, then measures `/api/packets?limit=50`'s throughput with requests kept in
 * flight (closed loop).
 *
 *   npm run bench:reader -- [--packets 1000000] [--rate 500] [--seconds 10] [--dir DIR] [--only stats]
 *
 * `--only` takes comma-separated parts of route names (`--only nodes,packets,edges`); the closed
 * loop runs when one of them is part of `/api/packets`.
 *
 * The database goes to DIR (default: the system temp folder's `meshview-bench/`), about 2 GB.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildConfig, parseIni } from '@meshview/config';
import { openDatabase, type DatabaseConnection } from '@meshview/db';
import { createLogger } from '@meshview/log';
import { buildApp } from '../apps/reader/src/app.js';
import { ReadOnlyStatusSource } from '../apps/reader/src/read-only-status-source.js';
import { SchemaWatch } from '../apps/reader/src/schema-watch.js';
import { channelsSince } from '../apps/reader/src/queries/stats/channels.query.js';
import { nodeTraffic, packetStats } from '../apps/reader/src/queries/stats/packet-stats.query.js';
import {
  allTimeCount,
  receptionsOf,
  windowCount,
} from '../apps/reader/src/queries/stats/stats-count.query.js';
import { windowStartUs } from '../apps/reader/src/queries/stats/stats-window.js';
import { activeSenders } from '../apps/reader/src/queries/stats/top-senders.query.js';
import { readerDatabase } from './reader-database.js';
import { percentile, runLoad } from './reader-load.js';

const { values: args } = parseArgs({
  options: {
    packets: { type: 'string', default: '1000000' },
    rate: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '32' },
    dir: { type: 'string', default: join(tmpdir(), 'meshview-bench') },
    only: { type: 'string' },
  },
});
const PACKETS = Number(args.packets);
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const ONLY = args.only?.split(',').filter((part) => part !== '');
const selected = (name: string): boolean =>
  ONLY === undefined || ONLY.some((part) => name.includes(part));
// Whole hours, so the cached database's windows stay put: the clock of the data is fixed.
const NOW_US = Date.UTC(2026, 10, 26, 12) * 1000;

const nodeNum = (i: number): number => 0x10000000 + i * 7919;
const packetId = (i: number): number => Number((BigInt(i + 1) * 2_654_435_761n) % 4_294_967_291n);
const chatty = nodeNum(0);
const quiet = nodeNum(1500);

/** Each list route with the parameter sets cycled through (a page's typical calls). */
const ROUTES: readonly (readonly [string, readonly string[]])[] = [
  ['/api/channels', ['/api/channels', '/api/channels?period_type=day&length=7']],
  ['/api/stats (hourly)', ['/api/stats', '/api/stats?portnum=67', '/api/stats?channel=MediumFast']],
  ['/api/stats (daily, 14 d)', ['/api/stats?period_type=day&length=14']],
  ['/api/stats (a node)', [`/api/stats?from_node=${chatty}`, `/api/stats?node=${quiet}`]],
  ['/api/stats (to broadcast)', ['/api/stats?to_node=4294967295&period_type=day&length=14']],
  ['/api/stats/count', ['/api/stats/count', '/api/stats/count?period_type=day&length=1']],
  [
    '/api/stats/count (filters)',
    [`/api/stats/count?from_node=${chatty}`, `/api/stats/count?packet_id=${packetId(5000)}`],
  ],
  [
    '/api/stats/top',
    [
      '/api/stats/top',
      '/api/stats/top?offset=20',
      '/api/stats/top?channel=MediumFast',
      '/api/stats/top?period_type=hour&length=6',
    ],
  ],
  ['/api/snapshots/daily', ['/api/snapshots/daily?length=14', '/api/snapshots/daily']],
  // The data routes, where this branch has them.
  ['/api/nodes', ['/api/nodes?days_active=3']],
  ['/api/packets', ['/api/packets?limit=50', '/api/packets?portnum=1&limit=100']],
  ['/api/packets (a node)', [`/api/packets?node_id=${chatty}&limit=50`]],
  ['/api/packets_seen', [`/api/packets_seen/${packetId(1000)}`]],
  ['/api/edges', ['/api/edges', `/api/edges?node_id=${chatty}`]],
  ['/api/traceroute', [`/api/traceroute/${packetId(1000)}`]],
];

async function main(): Promise<void> {
  const log = (line: string) => console.log(line);
  const url = await readerDatabase(
    join(args.dir, `reader-${PACKETS}.db`),
    {
      packets: PACKETS,
      gatewaysPerPacket: 10,
      nodes: 2000,
      gateways: 100,
      days: 14,
      nowUs: NOW_US,
    },
    log,
  );

  const logger = createLogger({ name: 'reader-bench', level: 'warn' });
  const config = buildConfig({
    ini: parseIni(`[database]\nconnection_string = ${url}\n`, 'bench.ini'),
  });
  const source = new ReadOnlyStatusSource({ database: config.database.connectionString, logger });
  const watch = new SchemaWatch({ source, intervalMs: 60_000, logger });
  await watch.refresh();
  const database = await openDatabase(url, { readOnly: true });
  const app = await buildApp({ logger, watch, database, config });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  // The data's clock is fixed; the routes measure back from now, so move now to it.
  const realNow = Date.now;
  const offsetMs = NOW_US / 1000 - realNow();
  Date.now = () => realNow() + offsetMs;

  // Warm-up: the JIT, the statement caches and the page cache, as a running reader has them.
  for (const [, paths] of ROUTES) {
    for (let i = 0; i < 20; i += 1) {
      for (const path of paths) await (await fetch(`${base}${path}`)).arrayBuffer();
    }
  }
  console.log(`\nreader on ${base}; ${RATE} requests/s offered per route for ${SECONDS} s\n`);
  console.log('route                          p50 ms   p95 ms   p99 ms   max ms  answered');
  for (const [name, paths] of ROUTES) {
    if (!selected(name)) continue;
    const probe = await fetch(`${base}${paths[0]}`);
    await probe.arrayBuffer();
    if (probe.status === 404 && !name.startsWith('/api/stats')) {
      console.log(`${name.padEnd(30)} (not in this branch)`);
      continue;
    }
    const result = await runLoad({
      kind: 'open',
      base,
      paths,
      rate: RATE,
      seconds: SECONDS,
      graceSeconds: 20,
    });
    const l = result.latencies;
    const codes = Object.entries(result.statuses)
      .map(([code, n]) => `${n}×${code}`)
      .join(' ');
    console.log(
      `${name.padEnd(30)} ${fmt(percentile(l, 50))} ${fmt(percentile(l, 95))} ${fmt(percentile(l, 99))} ${fmt(Math.max(...l))}  ${codes}${result.errors ? ` ${result.errors} errors` : ''}${result.unanswered ? ` ${result.unanswered} unanswered after ${SECONDS + 20} s` : ''}`,
    );
  }

  if (selected('/api/packets?limit=50')) {
    const closed = await runLoad({
      kind: 'closed',
      base,
      paths: ['/api/packets?limit=50'],
      concurrency: Number(args.concurrency),
      seconds: SECONDS,
    });
    const answered = closed.latencies.length;
    const codes = Object.entries(closed.statuses)
      .map(([code, n]) => `${n}×${code}`)
      .join(' ');
    console.log(
      `\n/api/packets?limit=50, ${args.concurrency} in flight: ` +
        `${Math.round((answered / closed.elapsedMs) * 1000)} requests/s (p50 ${fmt(percentile(closed.latencies, 50)).trim()} ms; ${codes})`,
    );
  }

  if (selected('/api/stats')) await statementTimes(database);

  Date.now = realNow;
  await app.close();
  await database.close();
  await source.close();
}

/** What the statistics cost without their 5-second answer cache: each statement alone. */
async function statementTimes(database: DatabaseConnection): Promise<void> {
  const db = database.db;
  const day = windowStartUs(NOW_US, 'day', 1);
  const stats = { nowUs: NOW_US, period: 'hour' as const, length: 24, filter: {} };
  const statements: [string, () => Promise<unknown>][] = [
    ['channels, 24 h', () => channelsSince(db, { startUs: day, nowUs: NOW_US })],
    ['stats, hourly 24 h', () => packetStats(db, stats)],
    ['stats, daily 14 d', () => packetStats(db, { ...stats, period: 'day', length: 14 })],
    ['stats, one sender 24 h', () => packetStats(db, { ...stats, filter: { fromNode: chatty } })],
    ['stats, node=', () => nodeTraffic(db, { ...stats, node: quiet })],
    ['count, all time', () => allTimeCount(db)],
    ['count, one day', () => windowCount(db, { startUs: day, nowUs: NOW_US, filter: {} })],
    ['count, a packet', () => receptionsOf(db, packetId(5000))],
    ['top, one day (ranking)', () => activeSenders(db, { startUs: day, nowUs: NOW_US })],
  ];
  console.log('\nstatistics statements without the answer cache (sequential, ms each):');
  for (const [name, run] of statements) {
    await run();
    const times: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    console.log(
      `  ${name.padEnd(28)} p50 ${fmt(percentile(times, 50))}  max ${fmt(Math.max(...times))}`,
    );
  }
}

const fmt = (ms: number): string => ms.toFixed(2).padStart(8);

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
