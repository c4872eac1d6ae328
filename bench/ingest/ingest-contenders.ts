import { buildConfig } from '@meshview/config';
import { openDatabase } from '@meshview/db';
import type { Logger } from '@meshview/log';
import { createKeyRing, interpretEnvelope, type PacketRecord } from '@meshview/mesh';
import type { MeshMessage } from '@meshview/sim';
import { createIngestPipeline } from '../../apps/writer/src/ingest/create-ingest-pipeline.js';
import { WalCheckpointer } from '../../apps/writer/src/ingest/wal-checkpointer.js';
import { timedPlainInserts, type PlainInsertRates } from '../plain-inserts.js';
import type { BenchDatabase } from './bench-database.js';
import { sqliteSession } from './meshview-session-sqlite.js';
import { postgresSession } from './meshview-session-postgres.js';
import { MeshviewStore } from './meshview-store.js';
import { plainInsertsPostgres } from './plain-inserts-postgres.js';

/** The same input two ways: the MQTT messages, and the records they decode to. */
export interface IngestInput {
  readonly messages: readonly MeshMessage[];
  readonly records: readonly PacketRecord[];
}

/** One way of storing the input into a fresh database; messages (or records) per second. */
export type IngestContender = (
  database: BenchDatabase,
  input: IngestInput,
  logger: Logger,
) => Promise<PlainInsertRates>;

// `[mqtt]`'s defaults: the default key only, no node skipped, no rate limit.
const { mqtt } = buildConfig();

/**
 * Our pipeline as the writer's ingest thread runs it (decode, count, batch, store), fed from
 * memory instead of MQTT; on SQLite WAL checkpoints off its commits, as in the writer. From the
 * first message to the last commit.
 */
export const pipelineContender: IngestContender = async (database, { messages }, logger) => {
  const handle = await openDatabase(database.url);
  const { pipeline, counters } = await createIngestPipeline({
    db: handle.db,
    dialect: handle.dialect,
    mqtt,
    logger,
  });
  const checkpoints = database.dialect === 'sqlite' ? await openDatabase(database.url) : null;
  const checkpointer = checkpoints ? new WalCheckpointer(checkpoints.db, logger) : null;
  checkpointer?.start();
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (const m of messages) {
    const wait = pipeline.handle(m.topic, m.payload);
    if (wait) await wait;
  }
  await pipeline.drain();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  await checkpointer?.stop();
  await Promise.all([handle.close(), checkpoints?.close()]);
  const { stored, duplicates } = counters.snapshot();
  if (stored + duplicates !== messages.length) {
    throw new Error(`the pipeline stored ${stored + duplicates} of ${messages.length}`);
  }
  return rates(messages.length, seconds, cpu);
};

/** Plain prepared (SQLite) or multi-row (PostgreSQL) INSERTs of the decoded records. */
export const plainContender: IngestContender = async (database, { records }) =>
  database.file === null
    ? plainInsertsPostgres(database.url, records)
    : timedPlainInserts(database.file, records);

/**
 * MeshView's approach: each message decoded as the pipeline decodes it (timed too), then stored
 * in a transaction of its own with a SELECT before each write.
 */
export const meshviewContender: IngestContender = async (database, { messages }) => {
  const session =
    database.file === null ? await postgresSession(database.url) : sqliteSession(database.file);
  const store = new MeshviewStore(session);
  const keyRing = createKeyRing(mqtt.secondaryKeys);
  const skipNodeIds = new Set<number>();
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (const m of messages) {
    const nowUs = Date.now() * 1000;
    const result = interpretEnvelope(m.topic, m.payload, { keyRing, skipNodeIds, nowUs });
    if (result.kind === 'packet') await store.store(result.record);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  await session.close();
  return rates(messages.length, seconds, cpu);
};

function rates(n: number, seconds: number, cpu: NodeJS.CpuUsage): PlainInsertRates {
  return { perSecond: n / seconds, perCpuSecond: n / ((cpu.user + cpu.system) / 1e6) };
}
