import { listenHost, loadAppConfig, type Config } from '@meshview/config';
import {
  databaseErrorExplainer,
  openDatabase,
  prepareQueryThread,
  type DatabaseConnection,
} from '@meshview/db';
import { createLogger, startMetricsServer, type Logger, type MetricsServer } from '@meshview/log';
import { waitForMigrations, type StatusSource } from '@meshview/migrate';
import { scriptLocationFor } from '@meshview/migrations';
import type { FastifyInstance } from 'fastify';
import { buildApp, loadWebPages } from './app.js';
import type { WebPages } from './pages/web-pages.js';
import { assertTablesReadable } from './assert-tables-readable.js';
import { DatabaseFileWatch } from './database-file-watch.js';
import { failureCode } from './failure-code.js';
import { listenFailure } from './listen-failure.js';
import { ReaderMetrics } from './metrics/reader-metrics.js';
import { ReadOnlyStatusSource } from './read-only-status-source.js';
import { SchemaWatch } from './schema-watch.js';
import { tuneGarbageCollection } from './v8-tuning.js';

/** How often a reader waiting for the schema looks at it (within each `wait_delay_s` try). */
const WAIT_POLL_MS = 250;

/**
 * The reader: waits until the database's schema is at the reader's head
 * (`[migrations] wait_retries` × `wait_delay_s`), opens its read-only connection
 * (`[database] reader_connection_string`, else `connection_string`), then listens, and keeps
 * watching the schema. SIGTERM or SIGINT stops it gracefully: no new connections, requests in
 * flight are finished, then the database is closed and the process exits 0.
 */
async function main(): Promise<void> {
  tuneGarbageCollection();
  const { config, options, warnings } = await loadAppConfig(process.argv.slice(2), ['migrations']);
  const logger = createLogger({ name: 'reader', level: config.logging.level });
  for (const message of warnings) logger.warn({}, message);

  const target = config.database.readerConnectionString ?? config.database.connectionString;
  const key =
    config.database.readerConnectionString === null
      ? '[database] connection_string'
      : '[database] reader_connection_string';
  // Errors that waiting will not fix (no grant, a file or folder the reader may not read, no
  // such database, nothing listening) end the start at once, naming the key.
  const explain = databaseErrorExplainer({ target, key, readOnly: true });
  // The query thread loads its modules (a few hundred milliseconds) while the schema is looked
  // at and waited for; it is opened after the wait.
  await prepareQueryThread(target.dialect);
  const source = new ReadOnlyStatusSource({
    database: target,
    logger,
    ...(options.migrations ? { scripts: scriptLocationFor(options.migrations) } : {}),
  });
  // Explained on the wait and on every later poll, so /ready's reason names the key too.
  const explained: StatusSource = { status: () => source.status().catch(explain) };
  const stop = new AbortController();
  // What a stop signal must close: filled in as the start gets that far.
  const started: {
    app?: FastifyInstance;
    database?: DatabaseConnection;
    watch?: SchemaWatch;
    metrics?: MetricsServer;
  } = {};
  let stopping = false;
  const exit = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'reader stopping');
    stop.abort();
    started.watch?.stop();
    let code = 0;
    try {
      // Fastify stops listening, lets requests in flight finish, then resolves.
      await started.app?.close();
      await started.metrics?.close();
      await started.database?.close();
      await source.close();
    } catch (error) {
      logger.error({ err: error }, 'reader did not stop cleanly');
      code = 1;
    }
    logger.info({ signal }, 'reader stopped');
    process.exit(code);
  };
  process.on('SIGTERM', () => void exit('SIGTERM'));
  process.on('SIGINT', () => void exit('SIGINT'));

  // Metrics from the start, so that a reader waiting for a migration shows it (ready 0).
  const metrics =
    config.metrics.readerPort > 0
      ? new ReaderMetrics({
          watch: {
            get latest() {
              return started.watch?.latest;
            },
            get readiness() {
              return started.watch?.readiness ?? { ready: false, reason: 'waiting for the schema' };
            },
          },
        })
      : undefined;
  if (metrics) started.metrics = await serveMetrics(metrics, config, logger);

  // The web app's files are read, hashed and compressed (seconds of CPU): while the schema is
  // waited for when the reader has to wait (none of it depends on the database), else after.
  // Not before the first look: a reader that fails at once (a database ahead of its scripts)
  // must not sit on compression work it will never use.
  let pagesLoading: Promise<WebPages> | undefined;
  const loadPages = (): Promise<WebPages> => (pagesLoading ??= loadWebPages(config, logger));
  const retryDelayMs = config.migrations.waitDelayS * 1000;
  const status = await waitForMigrations(explained, {
    maxRetries: config.migrations.waitRetries,
    retryDelayMs,
    // Looking every 250 ms (a status read costs about a millisecond) serves soon after the
    // migration ends; the log and the deadline still count `wait_delay_s` tries.
    pollMs: WAIT_POLL_MS,
    // Awaited after the wait; a failure that ends the wait first must not leave it unhandled.
    onWait: () => void loadPages().catch(() => undefined),
    logger,
    signal: stop.signal,
  });
  logger.info({ current: status.current }, `schema is current (${status.current.join(', ')})`);

  // Loading the pages (main thread) and opening the connection (on the query thread) overlap.
  const pages = loadPages();
  pages.catch(() => undefined);
  // Statements run on a thread of their own (see openOnQueryThread): the event loop that parses
  // requests and writes answers does not also run SQLite's searches or pg's socket work.
  const database = await openDatabase(target, {
    readOnly: true,
    queryThread: true,
    poolSize: config.database.readerPoolSize,
  }).catch(explain);
  started.database = database;
  await assertTablesReadable(database, key);
  // SQLite: a file deleted, overwritten or replaced under the reader is noticed at each poll.
  const file =
    database.dialect === 'sqlite'
      ? new DatabaseFileWatch({ database, logger, onReopen: () => source.close() })
      : undefined;
  await file?.start();
  const watch = new SchemaWatch({
    source: explained,
    intervalMs: retryDelayMs,
    logger,
    initial: status,
    ...(file ? { file } : {}),
  });
  started.watch = watch;
  const app = await buildApp({
    logger,
    watch,
    database,
    config,
    pages: await pages,
    ...(metrics ? { metrics } : {}),
  });
  started.app = app;
  const address = await app
    .listen({ host: listenHost(config.server.bind), port: config.server.port })
    .catch((error: unknown) => {
      throw listenFailure(error, config.server);
    });
  logger.info({ address }, `reader listening on ${address}${config.server.basePath}`);
  watch.start();
}

/**
 * Serves the reader's metrics at `[metrics] reader_bind`:`reader_port`, apart from the public
 * listener. A port it cannot open is logged and the reader goes on without metrics.
 */
async function serveMetrics(
  metrics: ReaderMetrics,
  config: Config,
  logger: Logger,
): Promise<MetricsServer | undefined> {
  const { readerBind: bind, readerPort: port } = config.metrics;
  try {
    const server = await startMetricsServer({
      registry: metrics.registry,
      host: listenHost(bind),
      port,
    });
    logger.info({ bind, port: server.port }, `metrics at http://${bind}:${server.port}/metrics`);
    return server;
  } catch (error) {
    logger.error(
      { bind, port, err: (error as Error).message },
      `[metrics] reader_bind/reader_port: cannot listen on ${bind}:${port} ` +
        `(${(error as Error).message}); the reader goes on without metrics`,
    );
    return undefined;
  }
}

main().catch((error: unknown) => {
  // A signal during the wait: the signal's handler is already stopping the process, with 0.
  if ((error as Error).name === 'AbortError') return;
  const code = failureCode(error);
  process.stderr.write(
    `reader failed${code ? ` [${code}]` : ''}: ${(error as Error).message ?? String(error)}\n`,
  );
  process.exit(1);
});
