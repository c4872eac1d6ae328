/**
 * Migrations at scale (issue 17, item 4), in one run, on SQLite and on PostgreSQL (at
 * TEST_PG_URL, in databases of its own named `meshview_bench_migrations_*`, created and dropped;
 * skipped, and said so, when TEST_PG_URL is not set):
 * 1. our engine's rewrite of a 1,000,000-row table against a plain `INSERT INTO … SELECT` copy,
 *    rounds alternating, median ratio (target ≤ 1.5×), with where the engine's time went;
 * 2. the up-to-date check at head: the writer's start with nothing pending and the reader's
 *    schema poll, in-process, p50/p99 (target ≤ 5 ms);
 * 3. a waiting reader serving after the writer's migration ends, real processes (target
 *    ≤ 2.5 s, every round).
 * The benchmark, the database server and the apps share the machine's cores. Prints a table and
 * writes bench/results/migrations.json.
 *
 *   npm run bench:migrations [-- --rows 1000000 --rounds 5 --repetitions 2000 --wait-rounds 6]
 *   npm run bench:migrations -- --only rebuild,up-to-date,reader-wait --rows 100000 --rounds 2
 */
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { repoRoot } from '#test/tmp.js';
import { ms, postgresRewrite, sqliteRebuild, type RebuildResult } from './migrations-rebuild.js';
import { readerWait, type WaitResult } from './migrations-reader-wait.js';
import { upToDate, type UpToDateResult } from './migrations-up-to-date.js';
import { writeResults } from './results.js';
import { cpuTicks, formatSteal, stealShare } from './steal.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '5' },
    repetitions: { type: 'string', default: '2000' },
    nodes: { type: 'string', default: '60' },
    'wait-rounds': { type: 'string', default: '6' },
    only: { type: 'string', default: 'rebuild,up-to-date,reader-wait' },
    'no-write': { type: 'boolean', default: false },
  },
});
const ROWS = Number(args.rows);
const ROUNDS = Number(args.rounds);
const REPETITIONS = Number(args.repetitions);
const NODES = Number(args.nodes);
const WAIT_ROUNDS = Number(args['wait-rounds']);
const ONLY = new Set(args.only.split(','));
const WORK = join(repoRoot, 'bench', '.cache', 'migrations');
const PG_URL = process.env.TEST_PG_URL || undefined;
const PG_SKIPPED = 'skipped: TEST_PG_URL is not set';

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Runs a statement on the server's maintenance database. */
async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new, empty PostgreSQL database `meshview_bench_migrations_<suffix>`; its URL. */
async function freshPg(suffix: string): Promise<string> {
  const name = `meshview_bench_migrations_${suffix}`;
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropPg(url: string): Promise<void> {
  await admin(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
}

const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** A measurement with the hypervisor's share of the machine's CPU time while it ran. */
type StolenFrom<T> = T & { readonly steal_percent: number | null };
async function withSteal<T>(measure: () => Promise<T>): Promise<StolenFrom<T>> {
  const before = cpuTicks();
  const result = await measure();
  return { ...result, steal_percent: stealShare(before, cpuTicks()) };
}

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

function rebuildSummary(r: RebuildResult) {
  const ratio = Math.round(median(r.rounds.map((x) => x.ratio)) * 100) / 100;
  const profile: Record<string, number> = {};
  for (const round of r.rounds) {
    for (const [kind, value] of Object.entries(round.engine_profile)) {
      profile[kind] = (profile[kind] ?? 0) + value / r.rounds.length;
    }
  }
  return {
    ...r,
    engine_median_ms: median(r.rounds.map((x) => x.engine_ms)),
    peer_median_ms: median(r.rounds.map((x) => x.peer_ms)),
    median_ratio: ratio,
    engine_profile_mean_ms: Object.fromEntries(
      Object.entries(profile).map(([k, v]) => [k, Math.round(v)]),
    ),
    target: '≤ 1.5',
    met: ratio <= 1.5,
  };
}

async function main(): Promise<void> {
  const loadBefore = load();
  log(`load average before: ${loadBefore} (the benchmark, servers and apps share the cores)`);
  const figures: Record<string, unknown> = {
    load_average_before: loadBefore,
    postgres: PG_URL ? 'at TEST_PG_URL' : PG_SKIPPED,
  };

  if (ONLY.has('rebuild')) {
    const results: ReturnType<typeof rebuildSummary>[] = [];
    results.push(rebuildSummary(await sqliteRebuild(join(WORK, 'rebuild'), ROWS, ROUNDS, log)));
    if (PG_URL) {
      const url = await freshPg('rebuild');
      try {
        const r = await postgresRewrite(url, join(WORK, 'rewrite'), ROWS, ROUNDS, log);
        results.push(rebuildSummary(r));
      } finally {
        await dropPg(url);
      }
    }
    figures.rebuild = { results, load_average_after: load() };
  }

  if (ONLY.has('up-to-date')) {
    const results: StolenFrom<UpToDateResult>[] = [];
    const dir = join(WORK, 'up-to-date');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      results.push(
        await withSteal(() =>
          upToDate(`sqlite:///${join(dir, 'head.db')}`, REPETITIONS, NODES, log),
        ),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (PG_URL) {
      const url = await freshPg('status');
      try {
        results.push(await withSteal(() => upToDate(url, REPETITIONS, NODES, log)));
      } finally {
        await dropPg(url);
      }
    }
    figures.up_to_date = {
      results: results.map((r) => ({
        ...r,
        target: 'p99 ≤ 5 ms',
        met: r.writer_start.p99 <= 5 && r.reader_poll.p99 <= 5,
      })),
      load_average_after: load(),
    };
  }

  if (ONLY.has('reader-wait')) {
    const results: WaitResult[] = [];
    const work = join(WORK, 'reader-wait');
    const noDrop = () => Promise.resolve();
    log('sqlite: reader waiting, writer migrating');
    results.push(
      await readerWait(
        'sqlite',
        work,
        WAIT_ROUNDS,
        (dir) => Promise.resolve(`sqlite:///${join(dir, 'packets.db')}`),
        noDrop,
        log,
      ),
    );
    if (PG_URL) {
      log('postgres: reader waiting, writer migrating');
      results.push(
        await readerWait(
          'postgres',
          work,
          WAIT_ROUNDS,
          (_dir, i) => freshPg(`wait${i}`),
          dropPg,
          log,
        ),
      );
    }
    figures.reader_wait = {
      results: results.map((r) => ({
        ...r,
        target: '≤ 2500 ms every round',
        met: r.max_end_to_ready_ms <= 2500,
      })),
      load_average_after: load(),
    };
  }
  figures.load_average_after = load();
  print(figures);
  if (!args['no-write']) {
    const file = writeResults('migrations', {
      method:
        'one process runs everything; the database server and the apps share the 2 cores with it; ' +
        'see bench/migrations.bench.ts and docs/PERFORMANCE.md',
      options: { rows: ROWS, rounds: ROUNDS, repetitions: REPETITIONS, wait_rounds: WAIT_ROUNDS },
      ...figures,
    });
    log(`\nwrote ${file}`);
  }
}

function print(figures: Record<string, unknown>): void {
  const lines: string[] = [''];
  const rebuild = figures.rebuild as
    { results: ReturnType<typeof rebuildSummary>[]; load_average_after: string } | undefined;
  if (rebuild) {
    lines.push(
      `Rewrite of a ${ROWS.toLocaleString('en')}-row table (${ROUNDS} rounds alternating; ` +
        'benchmark and database share the 2 cores)',
      `${'database'.padEnd(10)}${'engine'.padStart(10)}${'plain copy'.padStart(12)}` +
        `${'ratio'.padStart(8)}  rounds' ratios           target`,
    );
    for (const r of rebuild.results) {
      lines.push(
        `${r.dialect.padEnd(10)}${ms(r.engine_median_ms).padStart(10)}${ms(r.peer_median_ms).padStart(12)}` +
          `${r.median_ratio.toFixed(2).padStart(8)}  ${r.rounds
            .map((x) => x.ratio.toFixed(2))
            .join(' ')
            .padEnd(24)} ≤ 1.5 ${r.met ? 'met' : 'MISSED'}`,
      );
      lines.push(
        `  engine's time (mean ms): ${Object.entries(r.engine_profile_mean_ms)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
      if (r.foreign_key_check_ms !== undefined) {
        lines.push(`  one PRAGMA foreign_key_check of the database: ${r.foreign_key_check_ms} ms`);
      }
    }
    lines.push(`  load average after: ${rebuild.load_average_after}`, '');
  }
  const status = figures.up_to_date as
    | { results: (StolenFrom<UpToDateResult> & { met: boolean })[]; load_average_after: string }
    | undefined;
  if (status) {
    lines.push(
      `Up-to-date check at head (${REPETITIONS} repetitions, in-process; ms)`,
      `${'database'.padEnd(10)}${'check'.padEnd(34)}${'p50'.padStart(8)}${'p99'.padStart(8)}` +
        `${'max'.padStart(8)}${'first'.padStart(8)}${'CPU'.padStart(7)}${'steal'.padStart(7)}  target`,
    );
    for (const r of status.results) {
      for (const [what, p] of [
        ["writer's start (status + upgrade)", r.writer_start],
        ["reader's poll (SchemaWatch)", r.reader_poll],
      ] as const) {
        lines.push(
          `${r.dialect.padEnd(10)}${what.padEnd(34)}${p.p50.toFixed(2).padStart(8)}` +
            `${p.p99.toFixed(2).padStart(8)}${p.max.toFixed(1).padStart(8)}` +
            `${p.first.toFixed(1).padStart(8)}${p.cpu_mean.toFixed(2).padStart(7)}` +
            `${formatSteal(r.steal_percent).padStart(7)}  p99 ≤ 5 ` +
            `${p.p99 <= 5 ? 'met' : 'MISSED'}`,
        );
      }
    }
    lines.push(
      "  first: the first call in this process; CPU: this process's CPU time per check (mean)",
      `  load average after: ${status.load_average_after}`,
      '',
    );
  }
  const wait = figures.reader_wait as
    { results: (WaitResult & { met: boolean })[]; load_average_after: string } | undefined;
  if (wait) {
    lines.push(
      "Reader serving after the writer's migration ends (real processes, wait_delay_s = 2; ms)",
      `${'database'.padEnd(10)}${'end → /ready 200, each round'.padEnd(40)}${'max'.padStart(8)}  target`,
    );
    for (const r of wait.results) {
      lines.push(
        `${r.dialect.padEnd(10)}${r.rounds
          .map((x) => String(x.end_to_ready_ms))
          .join(' ')
          .padEnd(
            40,
          )}${String(r.max_end_to_ready_ms).padStart(8)}  ≤ 2500 ${r.met ? 'met' : 'MISSED'}`,
        `  of which the reader's poll noticing it: ${r.rounds.map((x) => x.end_to_schema_seen_ms).join(' ')}; ` +
          `then open, build the app, listen: ${r.rounds.map((x) => x.seen_to_ready_ms).join(' ')}`,
      );
    }
    lines.push(`  load average after: ${wait.load_average_after}`);
  }
  if (!PG_URL) lines.push(`postgres ${PG_SKIPPED}`);
  log(lines.join('\n'));
}

await main();
