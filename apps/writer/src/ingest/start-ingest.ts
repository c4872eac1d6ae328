import { hostname } from 'node:os';
import { listenHost, type Config } from '@meshview/config';
import { DAY_US, type DatabaseConnection } from '@meshview/db';
import { createLogger, startMetricsServer, type Logger, type MetricsServer } from '@meshview/log';
import { scheduleWriterJobs } from '../jobs/writer-jobs.js';
import { createWriterMetrics } from '../metrics/writer-metrics.js';
import { StatsStore } from '../storage/stats-store.js';
import { IngestCounters } from './ingest-counters.js';
import { IngestThread } from './ingest-thread.js';
import { StatsReporter } from './stats-reporter.js';
import { WalCheckpointer } from './wal-checkpointer.js';

/** The running ingestion. */
export interface Ingest {
  /** The embedded broker's port, when `[mqtt] server = embedded`. */
  readonly brokerPort: number | null;
  /**
   * Stops reading, writes everything already taken (everything acknowledged), writes the
   * counters a last time, and stops the jobs. The database stays open.
   */
  stop(): Promise<void>;
}

/**
 * Starts ingesting into a migrated database: the ingest thread (MQTT: the embedded broker or a
 * client of `[mqtt] server`; decoding; batched writes), and on this thread the daily jobs, the
 * counters (logged and written to `writer_stats`) and, on SQLite, the WAL checkpoints.
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
  const ingest = await IngestThread.start(
    {
      target: database.target,
      reuseWindowUs: cleanup.enabled ? cleanup.daysToKeep * DAY_US : null,
      mqtt,
      logLevel: config.logging.level,
    },
    (error) => {
      logger.fatal({ err: error.message }, 'the ingest thread stopped; the writer stops too');
      process.exit(1);
    },
  );
  const checkpointer = dialect === 'sqlite' ? new WalCheckpointer(db, logger) : undefined;
  checkpointer?.start();
  const counters = new IngestCounters();
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
    refresh: () => counters.absorb(ingest.counters),
  });
  stats.start();
  const metrics = await serveMetrics(config, logger, {
    counters: () => ({ ...counters.snapshot(), ...ingest.counters }),
    held: () => ingest.held,
    lastMessageAt: () => ingest.lastMessageAt,
    onBatches: (listener) => ingest.onBatches(listener),
  });
  const jobs = scheduleWriterJobs({
    db,
    dialect,
    // As in MeshView, the cleanup also logs to `[logging] db_cleanup_logfile`.
    logger:
      (cleanup.enabled || cleanup.backupEnabled) && config.logging.dbCleanupLogfile
        ? createLogger({
            name: 'writer-jobs',
            level: config.logging.level,
            file: config.logging.dbCleanupLogfile,
          })
        : logger,
    cleanup,
    snapshot: config.snapshot,
    backup: cleanup,
    sqliteFile: database.target.dialect === 'sqlite' ? database.target.filename : null,
  });

  return {
    brokerPort: ingest.brokerPort,
    async stop() {
      await ingest.stop();
      await stats.stop();
      await jobs.stop();
      await ingest.close();
      await checkpointer?.stop();
      await metrics?.close();
    },
  };
}

/**
 * Serves the writer's metrics at `[metrics] writer_bind`:`writer_port` (none with port 0). A port
 * it cannot open is logged and ingestion goes on without metrics.
 */
async function serveMetrics(
  config: Config,
  logger: Logger,
  source: Parameters<typeof createWriterMetrics>[0],
): Promise<MetricsServer | undefined> {
  const { writerBind: bind, writerPort: port } = config.metrics;
  if (port === 0) return undefined;
  try {
    const server = await startMetricsServer({
      registry: createWriterMetrics(source),
      host: listenHost(bind),
      port,
    });
    logger.info({ bind, port: server.port }, `metrics at http://${bind}:${server.port}/metrics`);
    return server;
  } catch (error) {
    logger.error(
      { bind, port, err: (error as Error).message },
      `[metrics] writer_bind/writer_port: cannot listen on ${bind}:${port} ` +
        `(${(error as Error).message}); the writer goes on without metrics`,
    );
    return undefined;
  }
}
