import { accessSync, constants } from 'node:fs';
import { ConfigError, loadAppConfig, type Config } from '@meshview/config';
import { databaseErrorExplainer, openDatabase } from '@meshview/db';
import { createLogger } from '@meshview/log';
import { createKeyRing } from '@meshview/mesh';
import { MigrationAbortedError } from '@meshview/migrate';
import { createMeshviewMigrator, scriptLocationFor } from '@meshview/migrations';
import { backupBeforeMigrate } from './backup-before-migrate.js';
import { failureCode } from './failure-code.js';
import { startIngest, type Ingest } from './ingest/start-ingest.js';
import { pauseBeforeClearingFlag, statementHook } from './test-hook.js';

/**
 * The writer: opens the database, brings its schema to head under the migration lock and the
 * in-progress flag, and only then ingests MQTT. A failed migration exits non-zero before anything
 * subscribes; a stop signal writes everything already taken before the process exits.
 */
async function main(): Promise<void> {
  const { config, options, warnings } = await loadAppConfig(process.argv.slice(2), ['migrations']);
  const logger = createLogger({ name: 'writer', level: config.logging.level });
  for (const message of warnings) logger.warn({}, message);

  checkIngestSettings(config);
  const target = config.database.connectionString;
  // Errors of the database's start (open, first queries, the migration's tables) name the key
  // and the file or host, and say what to check.
  const explain = databaseErrorExplainer({
    target,
    key: '[database] connection_string',
    readOnly: false,
  });
  logger.info({ database: target.display }, `writer starting: opening ${target.display}`);
  const handle = await openDatabase(target).catch(explain);
  // A stop signal during the migration lets the running revision finish (or roll back), then
  // stops before the next one, so the flag is always cleared; afterwards it stops at once.
  const stop = new AbortController();
  let migrating = true;
  const exit = async (code: number): Promise<never> => {
    await handle.close();
    process.exit(code);
  };
  // What a stop signal must stop once the ingestion has started.
  const started: { ingest?: Ingest } = {};
  const onSignal = (signal: string): void => {
    if (stop.signal.aborted) return;
    stop.abort();
    if (migrating) {
      logger.info({ signal }, 'stop requested: stopping after the running revision');
      return;
    }
    logger.info({ signal }, 'writer stopping: writing what it has taken');
    void (async () => {
      await started.ingest?.stop();
      logger.info({}, 'writer stopped');
      await exit(0);
    })();
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));

  const migrator = await createMeshviewMigrator({
    dialect: handle.dialect,
    db: handle.db,
    logger,
    lockLeaseMs: config.migrations.lockLeaseS * 1000,
    ...(options.migrations ? { scripts: scriptLocationFor(options.migrations) } : {}),
    afterMigrate: pauseBeforeClearingFlag(process.env, logger, stop.signal),
    onStatement: statementHook(process.env, logger),
    ...(config.migrations.backupBeforeMigrate !== false
      ? {
          beforeMigrate: backupBeforeMigrate(
            target,
            config.cleanup.backupDir,
            logger,
            config.migrations.backupBeforeMigrate,
          ),
        }
      : {}),
  });
  const before = await migrator.status().catch(explain);
  logger.info(
    { database: target.display, dialect: handle.dialect },
    `opened the database: ${target.display}`,
  );
  logger.info({ state: before.state, current: before.current, head: before.head }, before.summary);
  const run = await migrator
    .upgrade('head', { signal: stop.signal })
    .catch(async (error: unknown) => {
      if (!(error instanceof MigrationAbortedError)) return explain(error);
      logger.info({}, `writer stopped during the migration: ${error.message}`);
      return exit(0);
    });
  migrating = false;
  if (stop.signal.aborted) {
    logger.info({ current: run.to }, 'writer stopping: the migration finished before the stop');
    await exit(0);
  }
  logger.info(
    { current: run.to, applied: run.steps.map((s) => s.revision) },
    `schema is current at ${run.to.join(', ') || 'base'}; starting ingestion`,
  );
  const ingest = await startIngest({ config, database: handle, logger });
  started.ingest = ingest;
  logger.info(
    { current: run.to, applied: run.steps.map((s) => s.revision), brokerPort: ingest.brokerPort },
    'writer ready',
  );
}

/**
 * What would stop ingestion later is checked before the database is touched: the channel keys
 * (a bad one is named by its position) and a CA file that cannot be read.
 */
function checkIngestSettings(config: Config): void {
  createKeyRing(config.mqtt.secondaryKeys);
  const { caFile } = config.mqtt;
  if (caFile !== null && config.mqtt.server !== 'embedded') {
    try {
      accessSync(caFile, constants.R_OK);
    } catch (cause) {
      throw new ConfigError(
        'CONFIG_INVALID_VALUE',
        `[mqtt] ca_file = ${caFile}: cannot read it (${(cause as Error).message})`,
        { cause },
      );
    }
  }
}

main().catch((error: unknown) => {
  const code = failureCode(error);
  // pino may not be set up yet (bad config): stderr always works.
  process.stderr.write(
    `writer failed${code ? ` [${code}]` : ''}: ${(error as Error).message ?? String(error)}\n`,
  );
  process.exit(1);
});
