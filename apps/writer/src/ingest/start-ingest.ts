import { hostname } from 'node:os';
import type { Config } from '@meshview/config';
import type { DatabaseConnection } from '@meshview/db';
import { createLogger, type Logger } from '@meshview/log';
import { scheduleWriterJobs } from '../jobs/writer-jobs.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../mqtt/embedded-broker.js';
import { MqttSource } from '../mqtt/mqtt-source.js';
import { StatsStore } from '../storage/stats-store.js';
import { IngestCounters } from './ingest-counters.js';
import { IngestThread } from './ingest-thread.js';
import { StatsReporter } from './stats-reporter.js';
import { WalCheckpointer } from './wal-checkpointer.js';

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

/** The values without one key. */
function without<T extends object, K extends keyof T>(values: T, key: K): Omit<T, K> {
  const { [key]: _dropped, ...rest } = values;
  return rest;
}

/**
 * Starts ingesting into a migrated database: the ingest thread (key ring, decoding, batched
 * store; a bad key stops the start, naming it), the daily jobs, the counters, and the MQTT
 * source (the embedded broker, or a client of `[mqtt] server`).
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
  const { db, dialect } = database;
  const startedUs = Date.now() * 1000;
  const counters = new IngestCounters();
  // Decoding and storing run on a thread of their own, with a bounded heap; this thread reads
  // MQTT. A bad key stops the start here, naming its position in the list.
  const ingest = await IngestThread.start(
    {
      connectionString: config.database.connectionString,
      reuseWindowUs: cleanup.enabled ? cleanup.daysToKeep * 86_400_000_000 : null,
      secondaryKeys: mqtt.secondaryKeys,
      skipNodeIds: mqtt.skipNodeIds,
      rateLimitPerNode: mqtt.rateLimitPerNode,
      rateLimitWindowMs: mqtt.rateLimitWindowS * 1000,
      logLevel: config.logging.level,
    },
    {
      onFatal: (error) => {
        logger.fatal({ err: error.message }, 'the ingest thread stopped; the writer stops too');
        process.exit(1);
      },
    },
  );
  const checkpointer = dialect === 'sqlite' ? new WalCheckpointer(db, logger) : undefined;
  checkpointer?.start();
  const stats = new StatsReporter({
    counters,
    sink: new StatsStore({
      db,
      dialect,
      writerId: mqtt.clientId ?? `${hostname()}:${process.pid}`,
      startedUs,
    }),
    logger,
    extra: () => ({ held: ingest.held }),
    refresh: () => counters.absorb(without(ingest.counters, 'reconnects')),
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
      onMessage: ingest.handle,
      logger,
    });
  } else {
    source = new MqttSource({
      mqtt,
      onMessage: ingest.handle,
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
      await ingest.drain();
      await stats.stop();
      await jobs.stop();
      await ingest.close();
      await checkpointer?.stop();
      await broker?.close();
    },
  };
}
