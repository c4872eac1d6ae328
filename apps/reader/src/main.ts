import { listenHost, loadAppConfig } from '@meshview/config';
import { openDatabase, type DatabaseConnection } from '@meshview/db';
import { createLogger } from '@meshview/log';
import { waitForMigrations } from '@meshview/migrate';
import { scriptLocationFor } from '@meshview/migrations';
import { buildApp } from './app.js';
import { ReadOnlyStatusSource } from './read-only-status-source.js';
import { SchemaWatch } from './schema-watch.js';

/**
 * The reader: opens the database read-only, waits until its schema is at the reader's head
 * (`[migrations] wait_retries` × `wait_delay_s`), then listens, and keeps watching the schema.
 */
async function main(): Promise<void> {
  const { config, options, warnings } = await loadAppConfig(process.argv.slice(2), ['migrations']);
  const logger = createLogger({ name: 'reader', level: config.logging.level });
  for (const message of warnings) logger.warn({}, message);

  const source = new ReadOnlyStatusSource({
    connectionString: config.database.readerConnectionString ?? config.database.connectionString,
    logger,
    ...(options.migrations ? { scripts: scriptLocationFor(options.migrations) } : {}),
  });
  const stop = new AbortController();
  const exit = async (signal: string): Promise<void> => {
    logger.info({ signal }, 'reader stopping');
    stop.abort();
    await app?.close();
    await database?.close();
    await source.close();
    process.exit(0);
  };
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let database: DatabaseConnection | undefined;
  process.on('SIGTERM', () => void exit('SIGTERM'));
  process.on('SIGINT', () => void exit('SIGINT'));

  const retryDelayMs = config.migrations.waitDelayS * 1000;
  const status = await waitForMigrations(source, {
    maxRetries: config.migrations.waitRetries,
    retryDelayMs,
    logger,
    signal: stop.signal,
  });
  logger.info({ current: status.current }, `schema is current (${status.current.join(', ')})`);

  const watch = new SchemaWatch({ source, intervalMs: retryDelayMs, logger, initial: status });
  database = await openDatabase(
    config.database.readerConnectionString ?? config.database.connectionString,
    { readOnly: true },
  );
  app = await buildApp({ logger, watch, database, config });
  const address = await app.listen({
    host: listenHost(config.server.bind),
    port: config.server.port,
  });
  logger.info({ address }, `reader listening on ${address}`);
  watch.start();
}

main().catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  process.stderr.write(
    `reader failed${code ? ` [${code}]` : ''}: ${(error as Error).message ?? String(error)}\n`,
  );
  process.exit(1);
});
