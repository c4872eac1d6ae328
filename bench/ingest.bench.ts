/**
 * Ingest benchmark (issue 17, item 1): our writer's decode-and-store pipeline against (a) plain
 * INSERTs of the same rows (prepared statements on SQLite, multi-row statements on PostgreSQL,
 * 1000 records a transaction, the same upserts) and (b) MeshView's approach (the same decoding,
 * then per envelope one transaction with a SELECT before each write), on SQLite and on
 * PostgreSQL (`TEST_PG_URL`; skipped, and said so, when unset). Same schema (our migrations at
 * head) and settings for all three; each gets a fresh database per round; the three alternate
 * within each round (the order rotating), so the ratios come from one run. Checks that the
 * three stored the same rows, prints a table, writes bench/results/ingest.json.
 *
 * The input is drawn not to flatter (see bench/ingest/ingest-traffic.ts): random 32-bit packet
 * ids, a packet's 5–15 gateway reports interleaved with other packets'.
 *
 *   npm run bench:ingest -- [--messages 6000] [--rounds 3] [--sqlite-only]
 */
import { parseArgs } from 'node:util';
import { createKeyRing, interpretEnvelope } from '@meshview/mesh';
import { createLogger } from '@meshview/log';
import type { DialectName } from '@meshview/db';
import { writeResults } from './results.js';
import type { PlainInsertRates } from './plain-inserts.js';
import {
  postgresDatabases,
  rowCounts,
  sqliteDatabases,
  type BenchDatabases,
  type RowCounts,
} from './ingest/bench-database.js';
import {
  meshviewContender,
  pipelineContender,
  plainContender,
  type IngestContender,
  type IngestInput,
} from './ingest/ingest-contenders.js';
import { IngestTraffic } from './ingest/ingest-traffic.js';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '6000' },
    rounds: { type: 'string', default: '3' },
    'sqlite-only': { type: 'boolean', default: false },
  },
});
const COUNT = Number(args.messages);
const ROUNDS = Number(args.rounds);
const logger = createLogger({ name: 'bench', level: 'warn' });
const CONTENDERS: readonly (readonly [Name, IngestContender])[] = [
  ['pipeline', pipelineContender],
  ['plain', plainContender],
  ['meshview', meshviewContender],
];
type Name = 'pipeline' | 'plain' | 'meshview';

const messages = new IngestTraffic({ root: 'msh/US/bench' }).take(COUNT);
const keyRing = createKeyRing([]);
const records = messages.flatMap((m) => {
  const r = interpretEnvelope(m.topic, m.payload, { keyRing, skipNodeIds: new Set(), nowUs: 1 });
  return r.kind === 'packet' ? [r.record] : [];
});
const input: IngestInput = { messages, records };
const packets = new Set(records.map((r) => r.packet.id)).size;
console.log(
  `${messages.length} messages (${packets} packets, ${records.length} records), ${ROUNDS} rounds; ` +
    'the load generator and the database server share the machine’s cores',
);

const pgUrl = process.env.TEST_PG_URL;
const targets: [DialectName, () => Promise<BenchDatabases>][] = [
  ['sqlite', () => Promise.resolve(sqliteDatabases())],
];
if (pgUrl && !args['sqlite-only']) {
  targets.push(['postgres', () => postgresDatabases(pgUrl, 'meshview_bench_ingest')]);
} else {
  console.log(
    args['sqlite-only']
      ? 'PostgreSQL skipped (--sqlite-only)'
      : 'PostgreSQL SKIPPED: TEST_PG_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres)',
  );
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en');
const pct = (r: number): string => `${Math.round(100 * r)}%`;
const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const figures: Record<string, unknown> = {};
for (const [dialect, open] of targets) {
  const databases = await open();
  const rounds: Record<Name, PlainInsertRates>[] = [];
  const decodeRates: number[] = [];
  const counts = new Map<Name, RowCounts>();
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const result: Partial<Record<Name, PlainInsertRates>> = {};
      // The order rotates from round to round: none is always first (or last) on a warm cache.
      for (let i = 0; i < CONTENDERS.length; i++) {
        const [name, contender] = CONTENDERS[(round + i) % CONTENDERS.length]!;
        const database = await databases.fresh();
        try {
          result[name] = await contender(database, input, logger);
          if (round === 0) counts.set(name, await rowCounts(database.url));
        } finally {
          await database.drop();
        }
      }
      const r = result as Record<Name, PlainInsertRates>;
      rounds.push(r);
      decodeRates.push(decodeOnly());
      console.log(
        `${dialect} round ${round + 1}: pipeline ${fmt(r.pipeline.perSecond)}/s, plain ` +
          `${fmt(r.plain.perSecond)}/s, MeshView ${fmt(r.meshview.perSecond)}/s`,
      );
    }
  } finally {
    await databases.close();
  }
  const expected = JSON.stringify(counts.get('plain'));
  const sameRows = [...counts.values()].every((c) => JSON.stringify(c) === expected);
  if (!sameRows) {
    console.log(`ROW COUNTS DIFFER on ${dialect}:`, Object.fromEntries(counts));
  }
  const medianOf = (name: Name): number => median(rounds.map((r) => r[name].perSecond));
  const ratio = (a: Name, b: Name): number[] => rounds.map((r) => r[a].perSecond / r[b].perSecond);
  const table = {
    pipeline_per_s: Math.round(medianOf('pipeline')),
    plain_per_s: Math.round(medianOf('plain')),
    meshview_per_s: Math.round(medianOf('meshview')),
    pipeline_over_plain: round2(median(ratio('pipeline', 'plain'))),
    pipeline_over_plain_range: minMax(ratio('pipeline', 'plain')),
    pipeline_over_meshview: round2(median(ratio('pipeline', 'meshview'))),
    pipeline_over_meshview_range: minMax(ratio('pipeline', 'meshview')),
    decode_only_per_s: Math.round(median(decodeRates)),
    pipeline_per_cpu_s: Math.round(median(rounds.map((r) => r.pipeline.perCpuSecond))),
    plain_per_cpu_s: Math.round(median(rounds.map((r) => r.plain.perCpuSecond))),
    meshview_per_cpu_s: Math.round(median(rounds.map((r) => r.meshview.perCpuSecond))),
    rows: counts.get('pipeline'),
    same_rows_all_three: sameRows,
    rounds: rounds.map((r) => ({
      pipeline: Math.round(r.pipeline.perSecond),
      plain: Math.round(r.plain.perSecond),
      meshview: Math.round(r.meshview.perSecond),
    })),
  };
  figures[dialect] = table;
  console.log(`\n${dialect}: medians of ${ROUNDS} rounds (messages or records per second)`);
  console.table({
    pipeline: {
      'per s': fmt(table.pipeline_per_s),
      'per CPU-s (this process)': fmt(table.pipeline_per_cpu_s),
    },
    'plain INSERTs': {
      'per s': fmt(table.plain_per_s),
      'per CPU-s (this process)': fmt(table.plain_per_cpu_s),
    },
    'MeshView approach': {
      'per s': fmt(table.meshview_per_s),
      'per CPU-s (this process)': fmt(table.meshview_per_cpu_s),
    },
  });
  console.log(
    `decoding alone (interpretEnvelope, in the same rounds): ${fmt(table.decode_only_per_s)} messages/s`,
  );
  console.log(
    `pipeline/plain ${pct(table.pipeline_over_plain)} (rounds ${table.pipeline_over_plain_range.map(pct).join('–')}), ` +
      `pipeline/MeshView ${table.pipeline_over_meshview.toFixed(1)}× ` +
      `(rounds ${table.pipeline_over_meshview_range.map((x) => `${x.toFixed(1)}×`).join('–')}); ` +
      `same rows in all three: ${sameRows ? 'yes' : 'NO'}\n`,
  );
}
if (!figures.postgres) figures.postgres = 'skipped: TEST_PG_URL not set';

const file = writeResults('ingest', {
  messages: messages.length,
  packets,
  rounds: ROUNDS,
  input:
    'IngestTraffic (bench/ingest/ingest-traffic.ts): 400 nodes, 40 gateways, 5-15 reports a packet interleaved over 2,000 messages, random 32-bit packet ids, 15% undecryptable',
  method:
    'fresh database migrated to head per contender and round; contenders alternate in a rotating order; medians; ratios per round, median and range. pipeline and MeshView include decoding; plain INSERTs take decoded records. pipeline also maintains the statistics roll-ups, which the other two do not',
  ...figures,
});
console.log(`written to ${file}`);

/** Messages/s of `interpretEnvelope` alone: the share of the pipeline's time that is decoding. */
function decodeOnly(): number {
  const skipNodeIds = new Set<number>();
  const started = performance.now();
  for (const m of messages)
    interpretEnvelope(m.topic, m.payload, { keyRing, skipNodeIds, nowUs: 1 });
  return messages.length / ((performance.now() - started) / 1000);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function minMax(xs: readonly number[]): [number, number] {
  return [round2(Math.min(...xs)), round2(Math.max(...xs))];
}
