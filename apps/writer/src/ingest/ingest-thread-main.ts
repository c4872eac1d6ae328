import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '@meshview/db';
import { createLogger } from '@meshview/log';
import { failureCode } from '../failure-code.js';
import { EmbeddedBrokerKeeper } from '../mqtt/embedded-broker-keeper.js';
import { MqttSource } from '../mqtt/mqtt-source.js';
import { createIngestPipeline } from './create-ingest-pipeline.js';
import { IngestObservations } from './ingest-observations.js';
import type {
  IngestThreadData,
  IngestThreadReply,
  IngestThreadRequest,
} from './ingest-thread-protocol.js';

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
  // The target the main thread parsed: a relative SQLite path was resolved against the working
  // directory there, which this thread shares. On SQLite the pipeline turns this connection's
  // automatic checkpoints off: they run on the main thread (see WalCheckpointer).
  const database = await openDatabase(data.target);
  const observations = new IngestObservations();
  const { pipeline, counters } = await createIngestPipeline({
    observations,
    db: database.db,
    dialect: database.dialect,
    mqtt,
    reuseWindowUs: data.reuseWindowUs,
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
    reply({
      kind: 'counters',
      counters: counters.snapshot(),
      held: pipeline.pending,
      ...observations.take(),
    });
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
        reply({
          kind: 'stopped',
          counters: counters.snapshot(),
          held: pipeline.pending,
          ...observations.take(),
        });
      } else {
        await broker?.close();
        await database.close();
        port.close();
      }
    })();
  });
  reply({ kind: 'ready', brokerPort: broker?.port ?? null });
} catch (error) {
  reply({
    kind: 'failed',
    message: (error as Error | undefined)?.message ?? String(error),
    code: failureCode(error),
  });
}
