import type { FastifyInstance, FastifyPluginAsync, FastifyPluginCallback } from 'fastify';
import { buildConfig, parseIni, type Config } from '@meshview/config';
import { openDatabase, type DatabaseConnection } from '@meshview/db';
import { createLogger, type Logger } from '@meshview/log';
import { createMeshviewMigrator } from '@meshview/migrations';
import { buildApp } from '../../src/app.js';
import type { AnswerCacheProps } from '../../src/http/answer-cache.js';
import { ReadOnlyStatusSource } from '../../src/read-only-status-source.js';
import { SchemaWatch } from '../../src/schema-watch.js';
import { freshDatabaseUrl, type DialectUnderTest } from '#test/databases.js';

/** A reader app on a fresh database migrated to head, with the writable handle to fill it. */
export interface ReaderUnderTest {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly config: Config;
  /** A writable connection to the same database, to insert rows or change the schema. */
  readonly writer: DatabaseConnection;
  /** The reader's read-only connection, as `buildApp` got it. */
  readonly database: DatabaseConnection;
  readonly watch: SchemaWatch;
  /** Closes the app and both connections. */
  close(): Promise<void>;
}

/** What {@link buildReader} starts from. */
export interface BuildReaderOptions {
  /** The database name's stem (the test file's name). */
  readonly name: string;
  /** `config.ini` text; `[database] connection_string` is set to the test database. */
  readonly ini?: string;
  /** Fills the migrated database before the app is built. */
  readonly seed?: (writer: DatabaseConnection) => Promise<void>;
  readonly logger?: Logger;
  /** Extra routes registered under `base_path` after the app's own (test-only probes). */
  readonly extraRoutes?: FastifyPluginCallback | FastifyPluginAsync;
  /** How the data routes reuse answers (e.g. a clock the test moves). */
  readonly answerCache?: AnswerCacheProps;
  /** The built web app to serve (`apps/web/dist` by default). */
  readonly webDir?: string;
  /** Between the event stream's keep-alive comments (15 s by default). */
  readonly streamKeepAliveMs?: number;
  /** How long a silent connection is kept (60 s by default). */
  readonly idleTimeoutMs?: number;
}

/**
 * Builds the reader app the way `main.ts` does, on a fresh database of `dialect` migrated to the
 * product head: read-only connection, schema watch read once, config from `ini`. Inject into
 * `app`; call `close()` in `afterEach`/`afterAll`.
 *
 * @example
 * const reader = await buildReader('sqlite', { name: 'nodes', seed: insertNodes });
 * const answer = await reader.app.inject('/api/nodes');
 */
export async function buildReader(
  dialect: DialectUnderTest,
  options: BuildReaderOptions,
): Promise<ReaderUnderTest> {
  const logger = options.logger ?? createLogger({ name: 'reader-test', level: 'silent' });
  const url = await freshDatabaseUrl(dialect, options.name);
  const writer = await openDatabase(url);
  const closers: (() => Promise<void>)[] = [() => writer.close()];
  const close = async () => {
    for (const step of closers.splice(0).reverse()) await step();
  };
  try {
    const migrator = await createMeshviewMigrator({ dialect: writer.dialect, db: writer.db });
    await migrator.upgrade('head');
    await options.seed?.(writer);
    const config = buildConfig({
      ini: parseIni(options.ini ?? '', 'test.ini'),
      env: { MESHVIEW_DATABASE__CONNECTION_STRING: url },
    });
    const target = config.database.connectionString;
    const source = new ReadOnlyStatusSource({ database: target, logger });
    closers.push(() => source.close());
    const watch = new SchemaWatch({ source, intervalMs: 60_000, logger });
    await watch.refresh();
    // As the reader opens it: statements on a thread of their own.
    const database = await openDatabase(target, { readOnly: true, queryThread: true });
    closers.push(() => database.close());
    const app = await buildApp({
      logger,
      watch,
      database,
      config,
      ...(options.answerCache ? { answerCache: options.answerCache } : {}),
      ...(options.webDir !== undefined ? { webDir: options.webDir } : {}),
      ...(options.streamKeepAliveMs !== undefined
        ? { streamKeepAliveMs: options.streamKeepAliveMs }
        : {}),
      ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
    });
    closers.push(() => app.close());
    if (options.extraRoutes)
      await app.register(options.extraRoutes, { prefix: config.server.basePath });
    await app.ready();
    return { app, url, config, writer, database, watch, close };
  } catch (error) {
    await close();
    throw error;
  }
}
