import { parentPort, workerData } from 'node:worker_threads';
import { sql } from 'kysely';
import { openDatabase } from '@meshview/db';
import { createLogger } from '@meshview/log';
import { createKeyRing, interpretEnvelope } from '@meshview/mesh';
import { EmbeddedBrokerKeeper } from '../mqtt/embedded-broker-keeper.js';
import { MqttSource } from '../mqtt/mqtt-source.js';
import { PacketStore } from '../storage/packet-store.js';
import { IngestCounters } from './ingest-counters.js';
import { IngestPipeline } from './ingest-pipeline.js';
import type {
  IngestThreadData,
  IngestThreadReply,
  IngestThreadRequest,
} from './ingest-thread-protocol.js';
import { RateLimiter } from './rate-limiter.js';

// The ingest thread: reads MQTT (its own client, or the embedded broker), decodes and writes
// in batches, all with a heap of its own that the parent bounds, so the writer's memory stays
// bounded whatever the broker sends. The main thread keeps the jobs, the counters' table and
// the WAL checkpoints.
const data = workerData as IngestThreadData;
const port = parentPort!;
const reply = (message: IngestThreadReply): void => port.postMessage(message);

try {
  const { mqtt } = data;
  const logger = createLogger({ name: 'writer', level: data.logLevel });
  const keyRing = createKeyRing(mqtt.secondaryKeys);
  for (const key of keyRing.keys) {
    if (key.duplicateOf !== null) {
      logger.warn(
        { key: key.index, same: key.duplicateOf },
        '[mqtt] secondary_keys: a key is listed twice',
      );
    }
  }
  const skipNodeIds: ReadonlySet<number> = new Set(mqtt.skipNodeIds);
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
      limit: mqtt.rateLimitPerNode,
      windowMs: mqtt.rateLimitWindowS * 1000,
    }),
    logger,
  });
  const broker =
    mqtt.server === 'embedded'
      ? new EmbeddedBrokerKeeper({
          options: {
            port: mqtt.port,
            bind: mqtt.bind,
            allowAnonymousSubscribe: mqtt.allowAnonymousSubscribe,
            username: mqtt.username,
            password: mqtt.password,
            topics: mqtt.topics,
            onMessage: pipeline.handle,
            logger,
          },
          logger,
        })
      : undefined;
  await broker?.start();
  const source =
    mqtt.server === 'embedded'
      ? undefined
      : new MqttSource({
          mqtt,
          onMessage: pipeline.handle,
          logger,
          onReconnect: () => counters.add('reconnects'),
        });
  source?.start();
  const report = (): void =>
    reply({ kind: 'counters', counters: counters.snapshot(), held: pipeline.pending });
  const timer = setInterval(report, 1000);

  port.on('message', (request: IngestThreadRequest) => {
    void (async () => {
      if (request.kind === 'stop') {
        clearInterval(timer);
        // Stop reading (the embedded broker first hands over all it acknowledged), then write
        // everything taken.
        await broker?.stop();
        await source?.stop();
        await pipeline.drain();
        reply({ kind: 'stopped', counters: counters.snapshot(), held: pipeline.pending });
      } else {
        await broker?.close();
        await database.close();
        port.close();
      }
    })();
  });
  reply({ kind: 'ready', brokerPort: broker?.port ?? null });
} catch (error) {
  const { message, code } = error as { message?: string; code?: unknown };
  reply({
    kind: 'failed',
    message: message ?? String(error),
    code: typeof code === 'string' ? code : undefined,
  });
}
