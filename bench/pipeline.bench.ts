/**
 * Ingest pipeline benchmark (SQLite): the writer's decode-and-store pipeline (interpretEnvelope,
 * counters, batching, PacketStore, as the writer's ingest thread runs it) against plain
 * prepared better-sqlite3 INSERTs of the same rows in 1000-row transactions. Prints messages/s
 * of both and the ratio. The bar: the pipeline at ≥ 60% of the plain INSERTs.
 *
 * Both sides run in this one process, one after the other in each round, so the ratio is the
 * figure to compare across machines and runs. On a machine busy with other work the clock
 * rates swing from round to round; the rates per CPU-second of this process (printed beside
 * them) swing much less, and their ratio is the steadier reading of the same comparison.
 *
 *   npm run bench:pipeline -- [--messages 100000] [--rounds 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildConfig } from '@meshview/config';
import { openDatabase } from '@meshview/db';
import { createKeyRing, interpretEnvelope, type PacketRecord } from '@meshview/mesh';
import { createMeshviewMigrator } from '@meshview/migrations';
import { createLogger } from '@meshview/log';
import { createIngestPipeline } from '../apps/writer/src/ingest/create-ingest-pipeline.js';
import { WalCheckpointer } from '../apps/writer/src/ingest/wal-checkpointer.js';
import { randomTraffic, type MeshMessage } from '@meshview/sim';
import { timedPlainInserts, type PlainInsertRates } from './plain-inserts.js';

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
const logger = createLogger({ name: 'bench', level: 'warn' });
// `[mqtt]`'s defaults: the default key only, no node skipped, no rate limit.
const { mqtt } = buildConfig();

async function freshDatabase(): Promise<{ url: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'mv-bench-'));
  const url = `sqlite:///${join(dir, 'bench.db')}`;
  const handle = await openDatabase(url);
  await (await createMeshviewMigrator({ dialect: handle.dialect, db: handle.db })).upgrade('head');
  await handle.close();
  return { url, dir };
}

/**
 * The pipeline as the writer's ingest thread runs it (decode, count, batch, store), fed from
 * memory instead of MQTT; WAL checkpoints off its commits, as in the writer. Messages/s from the
 * first message to the last commit.
 */
async function pipeline(input: readonly MeshMessage[]): Promise<PlainInsertRates> {
  const { url, dir } = await freshDatabase();
  const database = await openDatabase(url);
  const { pipeline: pipe, counters } = await createIngestPipeline({
    db: database.db,
    dialect: database.dialect,
    mqtt,
    logger,
  });
  const checkpoints = await openDatabase(url);
  const checkpointer = new WalCheckpointer(checkpoints.db, logger);
  checkpointer.start();
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (const m of input) {
    const wait = pipe.handle(m.topic, m.payload);
    if (wait) await wait;
  }
  await pipe.drain();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  await checkpointer.stop();
  await Promise.all([database.close(), checkpoints.close()]);
  rmSync(dir, { recursive: true, force: true });
  const { stored, duplicates } = counters.snapshot();
  if (stored + duplicates !== input.length) {
    throw new Error(`stored ${stored + duplicates} of ${input.length}`);
  }
  return {
    perSecond: input.length / seconds,
    perCpuSecond: input.length / ((cpu.user + cpu.system) / 1e6),
  };
}

/** The same rows with plain prepared INSERTs, in a fresh database. */
async function plain(records: readonly PacketRecord[]): Promise<PlainInsertRates> {
  const { url, dir } = await freshDatabase();
  const rate = timedPlainInserts(url.slice('sqlite:///'.length), records);
  rmSync(dir, { recursive: true, force: true });
  return rate;
}

const input = randomTraffic(COUNT);
const records = input
  .map((m) => interpretEnvelope(m.topic, m.payload, { keyRing, skipNodeIds: new Set(), nowUs: 1 }))
  .flatMap((r) => (r.kind === 'packet' ? [r.record] : []));
console.log(
  `${input.length} messages (${new Set(records.map((r) => r.packet.id)).size} packets), ${ROUNDS} rounds, SQLite`,
);
const fmt = (n: number): string => Math.round(n).toLocaleString('en');
const percent = (p: number, q: number): string => `${Math.round((100 * p) / q)}%`;
const results: [PlainInsertRates, PlainInsertRates][] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const p = await pipeline(input);
  const q = await plain(records);
  results.push([p, q]);
  console.log(
    `round ${round}: pipeline ${fmt(p.perSecond)} msg/s, plain INSERTs ${fmt(q.perSecond)} rows/s ` +
      `(${percent(p.perSecond, q.perSecond)}); per CPU-second ${fmt(p.perCpuSecond)} vs ` +
      `${fmt(q.perCpuSecond)} (${percent(p.perCpuSecond, q.perCpuSecond)})`,
  );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ratios = results.map(([p, q]) => p.perSecond / q.perSecond);
const p = median(results.map((r) => r[0].perSecond));
const q = median(results.map((r) => r[1].perSecond));
const pCpu = median(results.map((r) => r[0].perCpuSecond));
const qCpu = median(results.map((r) => r[1].perCpuSecond));
const cpuRatios = results.map(([p, q]) => p.perCpuSecond / q.perCpuSecond);
console.log(
  `median: pipeline ${fmt(p)} msg/s, plain ${fmt(q)} rows/s, ratio ${percent(p, q)} (bar: 60%); ` +
    `ratio per round: median ${percent(median(ratios), 1)}, ` +
    `${percent(Math.min(...ratios), 1)}–${percent(Math.max(...ratios), 1)}`,
);
console.log(
  `per CPU-second: pipeline ${fmt(pCpu)} msg, plain ${fmt(qCpu)} rows, ratio ${percent(pCpu, qCpu)}; ` +
    `ratio per round: median ${percent(median(cpuRatios), 1)}, ` +
    `${percent(Math.min(...cpuRatios), 1)}–${percent(Math.max(...cpuRatios), 1)}`,
);
