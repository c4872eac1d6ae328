import { parentPort, workerData } from 'node:worker_threads';
import { sql } from 'kysely';
import { openDatabase } from '@meshview/db';
import { createLogger } from '@meshview/log';
import { createKeyRing, interpretEnvelope } from '@meshview/mesh';
import { PacketStore } from '../storage/packet-store.js';
import { IngestCounters } from './ingest-counters.js';
import { IngestPipeline } from './ingest-pipeline.js';
import type {
  IngestThreadData,
  IngestThreadReply,
  IngestThreadRequest,
} from './ingest-thread-protocol.js';
import { RateLimiter } from './rate-limiter.js';

// The ingest thread: decodes the messages the MQTT thread hands over and writes them in
// batches, with a heap of its own (bounded by the parent), so that the writer's memory stays
// bounded whatever the broker sends.
const data = workerData as IngestThreadData;
const port = parentPort!;
const reply = (message: IngestThreadReply): void => port.postMessage(message);

try {
  const logger = createLogger({ name: 'writer', level: data.logLevel });
  const keyRing = createKeyRing(data.secondaryKeys);
  const skipNodeIds: ReadonlySet<number> = new Set(data.skipNodeIds);
  const database = await openDatabase(data.connectionString);
  if (database.dialect === 'sqlite') {
    // Checkpoints run on the main thread (see WalCheckpointer), not in this thread's commits.
    await sql.raw('PRAGMA wal_autocheckpoint = 0').execute(database.db);
  }
  const store = await PacketStore.open({
    db: database.db,
    dialect: database.dialect,
    reuseWindowUs: data.reuseWindowUs,
  });
  const counters = new IngestCounters();
  const pipeline = new IngestPipeline({
    interpret: (topic, payload, nowUs) =>
      interpretEnvelope(topic, payload, { keyRing, skipNodeIds, nowUs }),
    sink: store,
    counters,
    rateLimiter: new RateLimiter({
      limit: data.rateLimitPerNode,
      windowMs: data.rateLimitWindowMs,
    }),
    logger,
  });
  // Requests are handled one after the other, in order: a chunk is accepted once the pipeline
  // holds all of it (back-pressure reaches the MQTT thread through the late answer).
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (request: IngestThreadRequest) => {
    queue = queue.then(async () => {
      if (request.kind === 'messages') {
        for (let i = 0; i < request.topics.length; i++) {
          const wait = pipeline.handle(request.topics[i]!, request.payloads[i]!);
          if (wait) await wait;
        }
      } else if (request.kind === 'drain') {
        await pipeline.drain();
      } else {
        await database.close();
        port.close();
        return;
      }
      reply({
        kind: request.kind === 'messages' ? 'accepted' : 'drained',
        id: request.id,
        counters: counters.snapshot(),
        held: pipeline.pending,
      });
    });
  });
  reply({ kind: 'ready' });
} catch (error) {
  const { message, code } = error as { message?: string; code?: unknown };
  reply({
    kind: 'failed',
    message: message ?? String(error),
    code: typeof code === 'string' ? code : undefined,
  });
}
