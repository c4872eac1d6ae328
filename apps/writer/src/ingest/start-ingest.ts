import { hostname } from 'node:os';
import type { Config } from '@meshview/config';
import type { DatabaseConnection } from '@meshview/db';
import { createLogger, type Logger } from '@meshview/log';
import { createKeyRing, interpretEnvelope } from '@meshview/mesh';
import { scheduleWriterJobs } from '../jobs/writer-jobs.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../mqtt/embedded-broker.js';
import { MqttSource } from '../mqtt/mqtt-source.js';
import { WorkerSink } from '../storage/worker-sink.js';
import { StatsStore } from '../storage/stats-store.js';
import { IngestCounters } from './ingest-counters.js';
import { IngestPipeline } from './ingest-pipeline.js';
import { RateLimiter } from './rate-limiter.js';
import { StatsReporter } from './stats-reporter.js';

/** The running ingestion. */
export interface Ingest {
  /** The embedded broker's port, when `[mqtt] server = embedded`. */
  readonly brokerPort: number | undefined;
  /**
   * Stops reading, writes everything already taken (everything acknowledged), writes the
   * counters a last time, and stops the jobs. The database stays open.
   */
  stop(): Promise<void>;
}

/**
 * Starts ingesting into a migrated database: the key ring (a bad key stops the start, naming
 * it), the store, the pipeline, the daily jobs, the counters, and the MQTT source (the embedded
 * broker, or a client of `[mqtt] server`).
 */
export async function startIngest({
  config,
  database,
  logger,
}: {
  readonly config: Config;
  readonly database: DatabaseConnection;
  readonly logger: Logger;
}): Promise<Ingest> {
  const { mqtt, cleanup } = config;
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
  const { db, dialect } = database;
  const startedUs = Date.now() * 1000;
  // Batches are written on a thread of their own, so decoding goes on meanwhile.
  const store = await WorkerSink.start(
    {
      connectionString: config.database.connectionString,
      reuseWindowUs: cleanup.enabled ? cleanup.daysToKeep * 86_400_000_000 : null,
    },
    (error) => {
      logger.fatal({ err: error.message }, 'the database thread stopped; the writer stops too');
      process.exit(1);
    },
  );
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
  const stats = new StatsReporter({
    counters,
    sink: new StatsStore({
      db,
      dialect,
      writerId: mqtt.clientId ?? `${hostname()}:${process.pid}`,
      startedUs,
    }),
    logger,
    extra: () => ({ held: pipeline.pending }),
  });
  stats.start();
  const jobs = scheduleWriterJobs({
    db,
    dialect,
    // As in MeshView, the cleanup also logs to `[logging] db_cleanup_logfile`.
    logger:
      cleanup.enabled && config.logging.dbCleanupLogfile
        ? createLogger({
            name: 'writer-jobs',
            level: config.logging.level,
            file: config.logging.dbCleanupLogfile,
          })
        : logger,
    cleanup,
    snapshot: config.snapshot,
  });

  let broker: EmbeddedBroker | undefined;
  let source: MqttSource | undefined;
  if (mqtt.server === 'embedded') {
    broker = await startEmbeddedBroker({
      port: mqtt.port,
      username: mqtt.username,
      password: mqtt.password,
      topics: mqtt.topics,
      onMessage: pipeline.handle,
      logger,
    });
  } else {
    source = new MqttSource({
      mqtt,
      onMessage: pipeline.handle,
      logger,
      onReconnect: () => counters.add('reconnects'),
    });
    source.start();
  }

  return {
    brokerPort: broker?.port,
    async stop() {
      await broker?.stop();
      await source?.stop();
      await pipeline.drain();
      await stats.stop();
      await jobs.stop();
      await store.close();
      await broker?.close();
    },
  };
}
