/**
 * Ingest pipeline benchmark (SQLite): the writer's decode-and-store pipeline (interpretEnvelope,
 * counters, batching, PacketStore, as the writer's ingest thread runs it) against plain
 * prepared better-sqlite3 INSERTs of the same rows in 1000-row transactions. Prints messages/s
 * of both and the ratio. The bar: the pipeline at ≥ 60% of the plain INSERTs.
 *
 *   npm run bench:pipeline -- [--messages 100000] [--rounds 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '@meshview/db';
import { createKeyRing, interpretEnvelope, type PacketRecord } from '@meshview/mesh';
import { createMeshviewMigrator } from '@meshview/migrations';
import { sql } from 'kysely';
import { createLogger } from '@meshview/log';
import { IngestCounters } from '../apps/writer/src/ingest/ingest-counters.js';
import { IngestPipeline } from '../apps/writer/src/ingest/ingest-pipeline.js';
import { RateLimiter } from '../apps/writer/src/ingest/rate-limiter.js';
import { WalCheckpointer } from '../apps/writer/src/ingest/wal-checkpointer.js';
import { PacketStore } from '../apps/writer/src/storage/packet-store.js';
import { messages } from './envelopes.js';
import { plainInserts } from './plain-inserts.js';

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

async function freshDatabase(): Promise<{ url: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'mv-bench-'));
  const url = `sqlite:///${join(dir, 'bench.db')}`;
  const handle = await openDatabase<any>(url);
  await (await createMeshviewMigrator({ dialect: handle.dialect, db: handle.db })).upgrade('head');
  await handle.close();
  return { url, dir };
}

/**
 * The pipeline as the writer's ingest thread runs it (decode, count, batch, store), fed from
 * memory instead of MQTT; WAL checkpoints off its commits, as in the writer. Messages/s from the
 * first message to the last commit.
 */
async function pipeline(input: ReturnType<typeof messages>): Promise<number> {
  const { url, dir } = await freshDatabase();
  const database = await openDatabase<any>(url);
  await sql.raw('PRAGMA wal_autocheckpoint = 0').execute(database.db);
  const checkpoints = await openDatabase<any>(url);
  const checkpointer = new WalCheckpointer(checkpoints.db, logger);
  checkpointer.start();
  const store = await PacketStore.open({ db: database.db, dialect: 'sqlite' });
  const counters = new IngestCounters();
  const pipe = new IngestPipeline({
    interpret: (topic, payload, nowUs) =>
      interpretEnvelope(topic, payload, { keyRing, skipNodeIds: new Set(), nowUs }),
    sink: store,
    counters,
    rateLimiter: new RateLimiter({ limit: 0, windowMs: 60_000 }),
    logger,
  });
  const started = performance.now();
  for (const m of input) {
    const wait = pipe.handle(m.topic, m.payload);
    if (wait) await wait;
  }
  await pipe.drain();
  const seconds = (performance.now() - started) / 1000;
  await checkpointer.stop();
  await Promise.all([database.close(), checkpoints.close()]);
  rmSync(dir, { recursive: true, force: true });
  const { stored, duplicates } = counters.snapshot();
  if (stored + duplicates !== input.length) {
    throw new Error(`stored ${stored + duplicates} of ${input.length}`);
  }
  return input.length / seconds;
}

/** The same rows with plain prepared INSERTs, in a fresh database. */
async function plain(records: readonly PacketRecord[]): Promise<number> {
  const { url, dir } = await freshDatabase();
  const rate = plainInserts(url.slice('sqlite:///'.length), records);
  rmSync(dir, { recursive: true, force: true });
  return rate;
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
