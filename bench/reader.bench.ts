/**
 * Reader benchmark: the reader's real app (`buildApp`, read-only connection, compiled, in a
 * process of its own: bench/reader-process.mjs) listening on a socket, over a busy mesh's two
 * weeks (1,000,000 packets and about 10,000,000 receptions from ~2,000 nodes by default; built
 * once into bench/.cache/, then reused), on SQLite and on PostgreSQL (a copy of the same rows at
 * TEST_PG_URL; skipped, saying so, without it).
 *
 * Each list route in turn is offered 500 requests a second (open loop, from a worker thread)
 * whose parameters are drawn at random from the database (bench/reader-requests.ts): node ids,
 * packet ids, traceroute ids, channels, ports and windows. The routes keyed by a random id run
 * with the 1-second answer reuse off (the payload decode cache and `/api/edges`' graph reuse
 * stay on); the whole-mesh routes run with the reuse on, and what one of their answers costs
 * without it is measured apart (sequential requests). Each row gives p50/p99 (the id-keyed
 * routes with a target over ID_ROUNDS rounds, each round's p99 beside), the distinct parameter
 * sets, the answer-reuse hit rate, the reader process's peak RSS while it ran and the share of
 * the machine's CPU time the hypervisor took meanwhile (steal).
 * Writes bench/results/reader.json.
 *
 * The reader ran inside the benchmark's process (under tsx, beside the load generator's worker)
 * until 2026-12-07; it now runs as deployed, apart, so that its V8 background threads and its
 * memory are its own, with the Node options the shipped launchers give it (`--node-options`:
 * `--v8-pool-size=0` by default, as scripts/start.js, the Dockerfile and deploy/systemd).
 *
 *   npm run bench:reader -- [--packets 1000000] [--rate 500] [--seconds 10] [--only nodes,edges]
 *                           [--dialects sqlite,postgres] [--seed 1] [--pool-size 4]
 *                           [--node-options=--v8-pool-size=0]
 *
 * `--only` takes comma-separated parts of route names.
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DAY_US, openDatabase, type DatabaseConnection } from '@meshview/db';
import { windowStartUs } from '../apps/reader/src/queries/stats/stats-window.js';
import { SenderTotals } from '../apps/reader/src/queries/stats/sender-totals.js';
import { rankSenders } from '../apps/reader/src/queries/stats/top-senders.query.js';
import { makeTempDir, repoRoot } from '#test/tmp.js';
import { startApp, writeAppConfig } from '#test/processes.js';
import { peakRssMb } from './peak-rss.js';
import { readerDatabase } from './reader-database.js';
import { readerDatabasePg } from './reader-database-pg.js';
import { percentile, runLoad } from './reader-load.js';
import {
  ROUTE_REQUESTS,
  parameterPools,
  type ParameterPools,
  type RouteRequests,
} from './reader-requests.js';
import { warmDatabase } from './file-cache.js';
import { writeResults } from './results.js';
import { cpuTicks, formatSteal, stealShare } from './steal.js';
import { seededRandom } from '@meshview/sim';

const { values: args } = parseArgs({
  options: {
    packets: { type: 'string', default: '1000000' },
    rate: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '10' },
    dir: { type: 'string', default: join(repoRoot, 'bench', '.cache') },
    only: { type: 'string' },
    dialects: { type: 'string', default: 'sqlite,postgres' },
    seed: { type: 'string', default: '1' },
    // The reader's PostgreSQL pool (`[database] reader_pool_size`); its default when absent.
    'pool-size': { type: 'string' },
    // Node options of the measured readers' processes: by default as npm start, the image and the
    // systemd units run the apps (V8's background threads fitted to the machine); `--node-options=`
    // for Node's defaults.
    'node-options': { type: 'string', default: '--v8-pool-size=0' },
  },
});
const PACKETS = Number(args.packets);
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const SEED = Number(args.seed);
const NODE_OPTIONS = args['node-options'].split(' ').filter((option) => option !== '');
/** Moves a reader process's clock to the data's (MESHVIEW_BENCH_NOW_MS), loaded with --import. */
const CLOCK_PRELOAD = pathToFileURL(join(repoRoot, 'bench', 'clock-preload.mjs')).href;
const ONLY = args.only?.split(',').filter((part) => part !== '');
const selected = (name: string): boolean =>
  ONLY === undefined || ONLY.some((part) => name.includes(part));
// Whole hours, so the cached database's windows stay put: the clock of the data is fixed.
const NOW_US = Date.UTC(2026, 10, 26, 12) * 1000;
/** The must-meet bar for the routes keyed by a random id (answer reuse off), and for the rest. */
const P99_TARGET_MS = 20;
/**
 * Keep-alive connections the load generator sends on, opened before each route's schedule (as
 * wrk2 does, and as a reverse proxy in front of the reader keeps them); see bench/reader-load.ts.
 */
const CONNECTIONS = 64;
/**
 * Rows measured and reported without a target: the node page's 100-packet pages and the
 * receptions behind its charts (the issue names the routes keyed by an id that must meet it).
 */
const REPORTED_ONLY = new Set(['/api/packets?node_id=&limit=100', '/api/node/{id}/receptions']);
/** Seconds per route of the real reader process's memory run. */
const MEMORY_SECONDS = 5;
/**
 * Seconds of a route's own load (other draws) just before it is measured: at 500 requests a
 * second, 7,500 node pages of 2,000 nodes, which leaves about 98 % of their payloads in the
 * payload cache, as on a reader that has been serving them.
 */
const WARM_SECONDS = 15;
/**
 * Rounds of SECONDS each for the routes keyed by a random id with a target (the must-meet rows),
 * each with its own draws; their p99 is over the rounds' requests together, and each round's is
 * shown. One 10 s window decided a p99 before, and on this machine the same code gave 6.7 to
 * 54 ms p99 in consecutive windows of node pages, following the CPU time the hypervisor took
 * (steal, shown beside each row).
 */
const ID_ROUNDS = 3;
/** How long after the last request was due the answers are waited for (then: unanswered). */
const GRACE_SECONDS = 10;
/** Sequential requests per whole-mesh route for its uncached cost. */
const UNCACHED_REQUESTS = 40;

/** One measured route. */
interface RouteFigures {
  readonly route: string;
  readonly kind: RouteRequests['kind'];
  readonly answer_reuse: 'off' | 'on';
  readonly offered_per_second: number;
  readonly seconds: number;
  /** Rounds of `seconds` (each with its own draws); p50, p99 and max are over all of them. */
  readonly rounds: number;
  /** Each round's p99. */
  readonly round_p99_ms: readonly number[];
  /**
   * The share of the machine's CPU time the hypervisor gave to others while the row was measured
   * (steal in /proc/stat, over all CPUs): the load generator, the reader and the database got
   * that much less than two cores.
   */
  readonly steal_percent: number | null;
  readonly requests: number;
  readonly distinct_parameter_sets: number;
  readonly reuse_hit_rate: number;
  readonly p50_ms: number;
  readonly p99_ms: number;
  readonly max_ms: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly errors: number;
  readonly unanswered: number;
  readonly peak_rss_mb: number;
  /** Whether the p99 target applies to this row (else it is reported only). */
  readonly has_target: boolean;
  readonly meets_p99_target: boolean;
  /** Whole-mesh routes: one answer's cost with the reuse off, sequential requests. */
  readonly uncached?: {
    readonly requests: number;
    readonly p50_ms: number;
    readonly p99_ms: number;
  };
}

/**
 * The resident memory of the reader's process sampled every 100 ms (VmRSS); the peak since
 * `reset()`.
 */
class RssSampler {
  #peak = 0;
  readonly #timer = setInterval(() => this.sample(), 100);
  constructor(readonly pid: number) {}
  sample(): void {
    try {
      const kb = Number(
        /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'))?.[1],
      );
      this.#peak = Math.max(this.#peak, kb * 1024);
    } catch {
      // The process has ended: its last sample stands.
    }
  }
  reset(): void {
    this.#peak = 0;
    this.sample();
  }
  get peakMb(): number {
    this.sample();
    return Math.round(this.#peak / 2 ** 20);
  }
  stop(): void {
    clearInterval(this.#timer);
  }
}

/** A reader started by {@link startReader}. */
interface BenchReader {
  readonly base: string;
  /** Its process's memory. */
  readonly rss: RssSampler;
  /** Zeroes its answer reuse's counts. */
  resetCounts(): Promise<void>;
  /** Its answer reuse's hit rate since the last reset. */
  hitRate(): Promise<number>;
  close(): Promise<void>;
}

/**
 * A reader with the answer reuse on or off, listening on a local port: the compiled app in a
 * process of its own (bench/reader-process.mjs), as deployed, with the Node options given by
 * `--node-options` and its clock moved to the data's.
 */
async function startReader(url: string, reuse: 'on' | 'off'): Promise<BenchReader> {
  const child = fork(
    join(repoRoot, 'bench', 'reader-process.mjs'),
    [url, reuse, ...(args['pool-size'] !== undefined ? [args['pool-size']] : [])],
    {
      cwd: repoRoot,
      execArgv: [...NODE_OPTIONS, '--import', CLOCK_PRELOAD],
      env: { ...process.env, MESHVIEW_BENCH_NOW_MS: String(NOW_US / 1000) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = (type: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onMessage = (message: Record<string, unknown>) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      void exited.then(() => reject(new Error(`the benchmark's reader ended before '${type}'`)));
    });
  const base = String((await next('listening')).base);
  // The reader's start-up work: it sums the top page's windows of sender roll-ups as it starts
  // (half a second of reads here). A ranking of those windows waits for that work; the routes
  // are measured after it, as on a reader that has been running.
  for (const window of ['day&length=14', 'day&length=7', 'day&length=3', 'hour&length=24']) {
    await fetch(`${base}/api/stats/top?period_type=${window}`);
  }
  const rss = new RssSampler(child.pid!);
  return {
    base,
    rss,
    resetCounts: async () => {
      const done = next('reset');
      child.send({ type: 'reset' });
      await done;
    },
    hitRate: async () => {
      const reply = next('counts');
      child.send({ type: 'counts' });
      const { hits, misses } = (await reply) as { hits: number; misses: number };
      return hits + misses === 0 ? 0 : hits / (hits + misses);
    },
    close: async () => {
      rss.stop();
      child.send({ type: 'close' });
      await exited;
    },
  };
}

/** `count` paths of `route`, drawn with `seed`. */
function pathsOf(route: RouteRequests, pools: ParameterPools, seed: number, count: number) {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => route.path(random, pools));
}

/** `paths` offered at RATE for `seconds`, open loop, on the kept-alive connections. */
function offerPaths(base: string, paths: readonly string[], seconds: number) {
  return runLoad({
    base,
    paths,
    rate: RATE,
    seconds,
    graceSeconds: GRACE_SECONDS,
    connections: CONNECTIONS,
  });
}

/** `seconds` of `route`'s requests drawn with `seed`, offered as {@link offerPaths} does. */
function offer(
  base: string,
  route: RouteRequests,
  pools: ParameterPools,
  seed: number,
  seconds: number,
) {
  return offerPaths(base, pathsOf(route, pools, seed, Math.round(RATE * seconds)), seconds);
}

/**
 * Waits until the reader has worked off what a route left queued (a cheap query's answers come
 * back within 5 ms three times running; at most a minute), so that no route is measured behind
 * the previous one's backlog. The probe reads the database (one node, by a number no node has, so
 * no answer is reused): on PostgreSQL the backlog waits in the connection pool, which a route
 * that reads nothing would not see.
 */
async function settle(base: string): Promise<void> {
  const giveUp = performance.now() + 60_000;
  let quick = 0;
  while (quick < 3 && performance.now() < giveUp) {
    const [ms] = await fetchAll(base, [
      `/api/nodes?node_id=${1 + Math.floor(Math.random() * 1e6)}`,
    ]);
    quick = ms! <= 5 ? quick + 1 : 0;
    if (quick === 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function fetchAll(base: string, paths: readonly string[]): Promise<number[]> {
  const times: number[] = [];
  for (const path of paths) {
    const started = performance.now();
    const response = await fetch(`${base}${path}`);
    await response.arrayBuffer();
    times.push(performance.now() - started);
    if (response.status >= 500) throw new Error(`${path} answered ${response.status}`);
  }
  return times;
}

async function measureDialect(
  dialect: 'sqlite' | 'postgres',
  url: string,
): Promise<{ routes: RouteFigures[]; pools: ParameterPools }> {
  const pools = await (async () => {
    const database = await openDatabase(url, { readOnly: true });
    try {
      return await parameterPools(database, 20_000);
    } finally {
      await database.close();
    }
  })();
  console.log(
    `\n${dialect}: ${pools.nodes.length} nodes, ${pools.packets.length} sampled packets, ` +
      `${pools.traceroutes.length} traceroutes, ${pools.channels.length} channels, ` +
      `${pools.ports.length} ports to draw from; ${RATE} requests/s offered per route for ` +
      `${SECONDS} s (the id-keyed routes with a target: ${ID_ROUNDS} rounds of ${SECONDS} s with ` +
      `their own draws, p99 over all), after ${WARM_SECONDS} s of its own load with other draws, ` +
      `on ${CONNECTIONS} keep-alive connections (load generator, servers` +
      `${dialect === 'postgres' ? ' and PostgreSQL' : ''} share the 2 cores; steal: the share ` +
      'of their CPU time the hypervisor took)',
  );
  console.log(
    'route                          reuse   p50 ms   p99 ms   max ms  distinct  hits  RSS MB steal  answers',
  );
  const figures: RouteFigures[] = [];
  const uncachedCosts = new Map<string, NonNullable<RouteFigures['uncached']>>();
  for (const reuse of ['off', 'on'] as const) {
    const reader = await startReader(url, reuse);
    const routes = ROUTE_REQUESTS.filter(
      (route) => selected(route.name) && (reuse === 'off' || route.kind === 'mesh'),
    );
    for (const route of routes) {
      // Each route reads from a database held in the file cache (see file-cache.ts).
      await warmDatabase(url);
      const uncachedOnly = reuse === 'off' && route.kind === 'mesh';
      // Warm-up with other draws, just before the route is measured: its own load at the offered
      // rate for WARM_SECONDS (the JIT, the statement and payload caches and the heap as a reader
      // serving that traffic has them), or a few sequential requests for a whole-mesh route's
      // uncached cost. 100 sequential requests a route, all before the first (until 2026-12-07),
      // left a new process's first route measured cold: 112-176 ms p99 on PostgreSQL for 10 s,
      // then 24-41; and 5 s of node pages reached only about 70 % of the nodes.
      if (uncachedOnly) {
        await fetchAll(reader.base, pathsOf(route, pools, SEED + 1000, 10));
      } else {
        await offer(reader.base, route, pools, SEED + 1000, WARM_SECONDS);
      }
      await settle(reader.base);
      const uncached = uncachedOnly
        ? await fetchAll(reader.base, pathsOf(route, pools, SEED + 2000, UNCACHED_REQUESTS))
        : undefined;
      if (uncached !== undefined) {
        uncachedCosts.set(route.name, {
          requests: uncached.length,
          p50_ms: round(percentile(uncached, 50)),
          p99_ms: round(percentile(uncached, 99)),
        });
        continue;
      }
      const rounds = reuse === 'off' && !REPORTED_ONLY.has(route.name) ? ID_ROUNDS : 1;
      await reader.resetCounts();
      reader.rss.reset();
      const stealBefore = cpuTicks();
      const paths: string[] = [];
      const l: number[] = [];
      const roundP99: number[] = [];
      const result = { statuses: {} as Record<string, number>, errors: 0, unanswered: 0 };
      for (let n = 0; n < rounds; n += 1) {
        const drawn = pathsOf(route, pools, SEED + n, Math.round(RATE * SECONDS));
        const one = await offerPaths(reader.base, drawn, SECONDS);
        paths.push(...drawn);
        l.push(...one.latencies);
        roundP99.push(round(percentile(one.latencies, 99)));
        for (const [code, count] of Object.entries(one.statuses)) {
          result.statuses[code] = (result.statuses[code] ?? 0) + count;
        }
        result.errors += one.errors;
        result.unanswered += one.unanswered;
      }
      const stealPercent = stealShare(stealBefore, cpuTicks());
      const uncachedCost = uncachedCosts.get(route.name);
      const row: RouteFigures = {
        route: route.name,
        kind: route.kind,
        answer_reuse: reuse,
        offered_per_second: RATE,
        seconds: SECONDS,
        rounds,
        round_p99_ms: roundP99,
        steal_percent: stealPercent,
        requests: paths.length,
        distinct_parameter_sets: new Set(paths).size,
        reuse_hit_rate: await reader.hitRate(),
        p50_ms: round(percentile(l, 50)),
        p99_ms: round(percentile(l, 99)),
        max_ms: round(Math.max(...l)),
        statuses: result.statuses,
        errors: result.errors,
        unanswered: result.unanswered,
        peak_rss_mb: reader.rss.peakMb,
        has_target: !REPORTED_ONLY.has(route.name),
        meets_p99_target:
          percentile(l, 99) <= P99_TARGET_MS && result.errors === 0 && result.unanswered === 0,
        ...(uncachedCost ? { uncached: uncachedCost } : {}),
      };
      figures.push(row);
      const codes = Object.entries(result.statuses)
        .map(([code, n]) => `${n}×${code}`)
        .join(' ');
      console.log(
        `${route.name.padEnd(30)} ${reuse.padEnd(4)} ${fmt(row.p50_ms)} ${fmt(row.p99_ms)} ${fmt(row.max_ms)} ` +
          `${String(row.distinct_parameter_sets).padStart(8)} ${`${Math.round(100 * row.reuse_hit_rate)}%`.padStart(5)} ` +
          `${String(row.peak_rss_mb).padStart(7)} ${formatSteal(row.steal_percent).padStart(5)}  ${codes}` +
          `${result.errors ? ` ${result.errors} errors` : ''}` +
          `${result.unanswered ? ` ${result.unanswered} unanswered after ${SECONDS + GRACE_SECONDS} s` : ''}` +
          `${rounds > 1 ? `  rounds' p99 ${roundP99.map((ms) => ms.toFixed(1)).join(' / ')}` : ''}` +
          `${!row.has_target ? '  (reported, no target)' : row.meets_p99_target ? '' : `  (target p99 ≤ ${P99_TARGET_MS} ms missed)`}`,
      );
    }
    await reader.close();
  }
  console.log(
    `\nwhole-mesh routes, one answer without reuse (${UNCACHED_REQUESTS} sequential requests, ms):`,
  );
  for (const [route, cost] of uncachedCosts) {
    console.log(`  ${route.padEnd(28)} p50 ${fmt(cost.p50_ms)}  p99 ${fmt(cost.p99_ms)}`);
  }
  return { routes: figures, pools };
}

/**
 * The memory of a real reader process (`node apps/reader`, compiled, answer reuse on as
 * deployed, its clock moved to the data's by bench/clock-preload.mjs) under the same requests:
 * each route in turn at the offered rate for a few seconds; its peak RSS (VmHWM) at the end.
 */
async function realReaderPeakRss(
  url: string,
  pools: ParameterPools,
): Promise<{ targeted: number; all: number }> {
  const dir = makeTempDir('reader-bench-');
  const config = writeAppConfig(dir, { connectionString: url, logLevel: 'info' });
  const reader = startApp('reader', ['--config', config], {
    env: {
      NODE_OPTIONS: [...NODE_OPTIONS, '--import', CLOCK_PRELOAD].join(' '),
      MESHVIEW_BENCH_NOW_MS: String(NOW_US / 1000),
    },
  });
  try {
    const line = await reader.waitForLog(/^reader listening on /, 60_000);
    const base = /(http:\/\/[^\s/]+)/.exec(line.msg ?? '')?.[1];
    if (base === undefined) throw new Error(`no address in "${line.msg}"`);
    const load = async (routes: readonly RouteRequests[]) => {
      for (const route of routes) {
        await offer(base, route, pools, SEED + 3000, MEMORY_SECONDS);
      }
    };
    const routes = ROUTE_REQUESTS.filter((r) => selected(r.name));
    // The routes with a target first: the reported-only ones overload the reader on purpose,
    // and an overloaded server's queue is memory too.
    await load(routes.filter((r) => !REPORTED_ONLY.has(r.name)));
    const targeted = peakRssMb(reader.pid);
    await load(routes.filter((r) => REPORTED_ONLY.has(r.name)));
    return { targeted, all: peakRssMb(reader.pid) };
  } finally {
    await reader.stop();
  }
}

/** What one `/api/stats/top` ranking costs, by window. */
interface RankingCost {
  readonly window: string;
  /** With nothing kept: every bucket of the window summed from the roll-up's rows. */
  readonly first_ms: number;
  /** With the complete buckets' sums kept (the reader's steady state): p50 and max of 20. */
  readonly kept_p50_ms: number;
  readonly kept_max_ms: number;
}

/** `/api/stats/top`'s ranking (reused 10 s even with the answer reuse off): its own cost. */
async function rankingCost(url: string): Promise<RankingCost[]> {
  const database: DatabaseConnection = await openDatabase(url, { readOnly: true });
  const costs: RankingCost[] = [];
  for (const [window, startUs] of [
    ['one day', windowStartUs(NOW_US, 'day', 1)],
    ['two weeks', windowStartUs(NOW_US, 'day', 14)],
  ] as const) {
    const totals = new SenderTotals({ db: database.db, now: () => NOW_US / 1000 });
    const run = async () => {
      const started = performance.now();
      await rankSenders(database.db, totals, { startUs, nowUs: NOW_US });
      return performance.now() - started;
    };
    const first = await run();
    const times: number[] = [];
    for (let i = 0; i < 20; i += 1) times.push(await run());
    costs.push({
      window,
      first_ms: round(first),
      kept_p50_ms: round(percentile(times, 50)),
      kept_max_ms: round(Math.max(...times)),
    });
  }
  await database.close();
  return costs;
}

async function main(): Promise<void> {
  const log = (line: string) => console.log(line);
  const sqlitePath = join(args.dir, `reader-${PACKETS}.db`);
  const spec = {
    packets: PACKETS,
    gatewaysPerPacket: 10,
    nodes: 2000,
    gateways: 100,
    days: 14,
    nowUs: NOW_US,
  };
  const sqliteUrl = await readerDatabase(sqlitePath, spec, log);
  const dialects = args.dialects.split(',') as ('sqlite' | 'postgres')[];
  const pgServer = process.env.TEST_PG_URL;
  // The data's clock is fixed; the routes measure back from now, so move now to it.
  const realNow = Date.now;
  const offsetMs = NOW_US / 1000 - realNow();
  Date.now = () => realNow() + offsetMs;
  const results: Record<string, unknown> = {};
  for (const dialect of dialects) {
    let url = sqliteUrl;
    if (dialect === 'postgres') {
      if (pgServer === undefined) {
        console.log('\npostgres: skipped (set TEST_PG_URL to a PostgreSQL server to measure it)');
        results.postgres = { skipped: 'TEST_PG_URL is not set' };
        continue;
      }
      url = await readerDatabasePg(sqlitePath, pgServer, 'meshview_bench_reader', log);
    }
    const { routes, pools } = await measureDialect(dialect, url);
    await warmDatabase(url);
    const readerPeak = await realReaderPeakRss(url, pools);
    console.log(
      `  a real reader process under the same requests (reuse on, ${MEMORY_SECONDS} s a route): ` +
        `peak RSS ${readerPeak.targeted} MB over the routes with a target (target ≤ 200 MB), ` +
        `${readerPeak.all} MB once the reported-only ones have overloaded it`,
    );
    const ranking = await rankingCost(url);
    for (const cost of ranking) {
      console.log(
        `  /api/stats/top's ranking (reused 10 s), ${cost.window}: first ${fmt(cost.first_ms)}, ` +
          `with complete buckets kept p50 ${fmt(cost.kept_p50_ms)}  max ${fmt(cost.kept_max_ms)}`,
      );
    }
    results[dialect] = {
      routes,
      top_ranking_cost: ranking,
      reader_process_peak_rss_mb: readerPeak.targeted,
      reader_process_peak_rss_mb_overloaded: readerPeak.all,
    };
  }
  Date.now = realNow;
  const peak = peakRssMb(process.pid);
  console.log(
    `\npeak RSS of this benchmark process (the load generator and the rest, not the reader): ${peak} MB`,
  );
  const file = writeResults('reader', {
    database: { ...spec, receptions_per_packet: '5 to 15, about 10', days_us: spec.days * DAY_US },
    method:
      'the compiled reader in a process of its own (bench/reader-process.mjs' +
      `${NODE_OPTIONS.length > 0 ? `, node ${NODE_OPTIONS.join(' ')}` : ''}); ` +
      `open loop at the offered rate from a worker thread of the benchmark's process, on ${CONNECTIONS} ` +
      'keep-alive connections opened before each route (a request that finds them all busy ' +
      'waits, and the wait counts); parameters drawn ' +
      `at random from the database; each route measured after ${WARM_SECONDS} s of its own load ` +
      `with other draws, for ${SECONDS} s (the id-keyed routes with a target: ${ID_ROUNDS} rounds of ` +
      `${SECONDS} s with their own draws, p50/p99/max over all, round_p99_ms each round's; ` +
      'steal_percent: the CPU time the hypervisor took from the machine meanwhile); ' +
      'id-keyed routes with the 1-second answer reuse off, ' +
      'whole-mesh routes with it on; latency measured from when each request was due',
    p99_target_ms: P99_TARGET_MS,
    peak_rss_mb: peak,
    reader_node_options: NODE_OPTIONS,
    peak_rss_note:
      "VmHWM of the benchmark's process (the load generator and the rest; each route's row gives " +
      "the reader process's peak VmRSS while it ran); each dialect also gives " +
      'reader_process_peak_rss_mb, a real reader (answer reuse on, as deployed) under the same ' +
      'requests (the routes with a target), and reader_process_peak_rss_mb_overloaded, after the ' +
      'reported-only routes too',
    ...results,
  });
  console.log(`wrote ${file}`);
}

const round = (ms: number): number => Math.round(ms * 100) / 100;
const fmt = (ms: number): string => ms.toFixed(2).padStart(8);

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
