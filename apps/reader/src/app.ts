import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from '@meshview/config';
import { NEW_PACKETS_CHANNEL, PostgresListener, type DatabaseConnection } from '@meshview/db';
import type { Logger } from '@meshview/log';
import type { AnswerCacheProps } from './http/answer-cache.js';
import { clientErrorHandler } from './http/client-error-handler.js';
import type { ErrorBody } from './http/error-body.js';
import { installErrorHandling } from './http/error-handling.js';
import { ReaderConfigError } from './errors.js';
import { frameworkErrorHandler } from './http/framework-errors.js';
import { addIntegerKeyword } from './http/integer-keyword.js';
import { OpenApiCollector } from './http/openapi.js';
import { RouteTable } from './http/route-table.js';
import { parseQuerystring } from './http/parse-querystring.js';
import { PayloadCache } from './payload/payload-cache.js';
import { PacketStreamHub, type WakeSource } from './stream/packet-stream-hub.js';
import { readRelease, type Release } from './release.js';
import { readTlsFiles, type TlsFiles } from './tls-files.js';
import { apiRoutes } from './routes/api.routes.js';
import { configRoutes } from './routes/config.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { langRoutes } from './routes/lang.routes.js';
import { openApiRoutes } from './routes/openapi.routes.js';
import { pageRoutes } from './routes/pages.routes.js';
import { DEFAULT_WEB_DIR } from './pages/web-bundle.js';
import { WebPages } from './pages/web-pages.js';
import type { SchemaWatch } from './schema-watch.js';
import { DEFAULT_LANG_DIR, TranslationStore } from './translation-store.js';
import type { ReaderMetrics } from './metrics/reader-metrics.js';

/** What the reader's app is built from. */
export interface AppProps {
  readonly logger: Logger;
  readonly watch: SchemaWatch;
  /** The reader's read-only connection (`openDatabase(url, { readOnly: true })`). */
  readonly database: DatabaseConnection;
  readonly config: Config;
  /** What `/version` reports; read from `package.json` and `.git` by default. */
  readonly release?: Release;
  /** Where the translation files are; the reader's `lang/` by default. */
  readonly langDir?: string;
  /** How the data routes' answers are reused; defaults suit a server (tests inject a clock). */
  readonly answerCache?: AnswerCacheProps;
  /**
   * How long the statistics routes reuse an answer (5 s by default; 0 turns that off, as the
   * reader benchmark does to measure what an answer costs).
   */
  readonly statsCacheTtlMs?: number;
  /** The metrics to keep (`[metrics] reader_port`); none by default. */
  readonly metrics?: ReaderMetrics;
  /** The built web app; `apps/web/dist` by default (tests give a small build of their own). */
  readonly webDir?: string;
  /** The web app already loaded (the reader loads it while it waits for the schema); else `webDir`'s. */
  readonly pages?: WebPages;
  /** Between the event stream's keep-alive comments; 15 s by default (tests shorten it). */
  readonly streamKeepAliveMs?: number;
  /** {@link IDLE_TIMEOUT_MS} by default (tests shorten it). */
  readonly idleTimeoutMs?: number;
}

/** The built web app at `dir`, for `config`'s base path and map tiles. */
export function loadWebPages(
  config: Config,
  logger: Logger,
  dir: string = DEFAULT_WEB_DIR,
): Promise<WebPages> {
  return WebPages.load({
    dir,
    basePath: config.server.basePath,
    mapTileUrls: [config.site.mapTileUrl, ...config.site.mapTileUrls.map((s) => s.url)],
    logger,
  });
}

/**
 * A connection on which nothing is sent or received for this long is closed. A request begun and
 * never finished (a slowloris socket) would otherwise be held for ever: Node's 60 s headers
 * timeout only acts when more bytes arrive, and 1,000 such sockets sat open past two minutes.
 * Event-stream listeners stay busy with the keep-alive comments (every 15 s); an idle keep-alive
 * connection closes at this or Fastify's 72 s keep-alive timeout, whichever comes first.
 */
export const IDLE_TIMEOUT_MS = 60_000;

/**
 * Path parameters longer than this answer 404 (find-my-way's limit); long enough that a bad id
 * reaches validation and gets a 400 naming it.
 */
const MAX_PARAM_LENGTH = 8192;

/**
 * Builds the reader's Fastify app (not listening); `main.ts` boots it, tests inject into it.
 * Every route is served under `[server] base_path`: the JSON API, and the web app's pages.
 */
export async function buildApp(props: AppProps): Promise<FastifyInstance> {
  const { logger, watch, database, config } = props;
  const release = props.release ?? readRelease();
  const { server } = config;
  const openapi = new OpenApiCollector();
  // Every route, for 405 answers and for naming a malformed path parameter.
  const routes = new RouteTable();
  const pages = props.pages ?? (await loadWebPages(config, logger, props.webDir));
  const app = createFastify(
    {
      loggerInstance: logger,
      logController: new LogController({ disableRequestLogging: !config.logging.accessLog }),
      trustProxy: server.trustProxy as boolean | string[],
      routerOptions: { maxParamLength: MAX_PARAM_LENGTH, querystringParser: parseQuerystring },
      ajv: { plugins: [addIntegerKeyword] },
      frameworkErrors: frameworkErrorHandler(routes, MAX_PARAM_LENGTH),
      clientErrorHandler: clientErrorHandler(logger),
      return503OnClosing: false,
      connectionTimeout: props.idleTimeoutMs ?? IDLE_TIMEOUT_MS,
      ...(server.tlsCert !== null ? { https: readTlsFiles(server.tlsCert, server.tlsKey) } : {}),
    },
    server,
  );
  props.metrics?.install(app);
  installErrorHandling(app, routes, (request, reply) => pages.answerUnknownPath(request, reply));
  const payloads = new PayloadCache();
  const stream = new PacketStreamHub({
    database,
    payloads,
    pollMs: server.streamPollMs,
    maxBufferedBytes: server.streamMaxBufferedBytes,
    logger,
    ...(props.streamKeepAliveMs !== undefined ? { keepAliveMs: props.streamKeepAliveMs } : {}),
    ...(database.dialect === 'postgres'
      ? { wakeSource: (wake: () => void) => notifications(database, wake, logger) }
      : {}),
  });
  props.metrics?.watchStream(stream);
  // Before the server closes: open event streams would keep it waiting.
  app.addHook('preClose', async () => stream.close());
  closeConnectionsWhenClosing(app);
  openapi.install(app);
  await app.register(
    async (scope) => {
      await scope.register(healthRoutes, { watch, database, release, stream });
      await scope.register(configRoutes, { config, version: release.version });
      await scope.register(langRoutes, {
        translations: new TranslationStore(props.langDir ?? DEFAULT_LANG_DIR),
        defaultLanguage: config.site.language,
      });
      await scope.register(async (api) => {
        // A database file that is gone or overwritten would still be read through the open
        // handle (a deleted inode) or fail query by query: answer 503 saying so instead.
        api.addHook('onRequest', async (_request, reply) => {
          const problem = watch.databaseProblem;
          if (problem === undefined) return;
          const body: ErrorBody = { error: 'database unavailable', reason: problem };
          return reply.code(503).header('retry-after', '5').send(body);
        });
        await api.register(apiRoutes, {
          database,
          config,
          payloads,
          stream,
          ...(props.answerCache || props.metrics
            ? {
                answerCache: {
                  ...props.answerCache,
                  counts: props.metrics?.answerCounts ?? props.answerCache?.counts,
                },
              }
            : {}),
          ...(props.statsCacheTtlMs !== undefined
            ? { statsCacheTtlMs: props.statsCacheTtlMs }
            : {}),
        });
      });
      await scope.register(openApiRoutes, { collector: openapi, version: release.version });
      await scope.register(pageRoutes, {
        pages,
        basePath: server.basePath,
        starting: config.site.starting,
      });
    },
    { prefix: server.basePath },
  );
  return app;
}

/**
 * PostgreSQL's notifications of new packets (the writer's `NOTIFY meshview_packets` at each
 * commit), on a connection of their own, as the event stream's wake source.
 */
function notifications(database: DatabaseConnection, wake: () => void, logger: Logger): WakeSource {
  let failing = false;
  const listener = new PostgresListener({
    target: database.target as Extract<DatabaseConnection['target'], { dialect: 'postgres' }>,
    channel: NEW_PACKETS_CHANNEL,
    onNotification: () => {
      if (failing) logger.info({}, 'event stream: listening for new packets again');
      failing = false;
      wake();
    },
    onError: (error) => {
      if (!failing) {
        logger.warn(
          { err: error.message },
          `event stream: cannot LISTEN ${NEW_PACKETS_CHANNEL} (retrying); new packets are ` +
            'read at each [server] stream_poll_ms meanwhile',
        );
      }
      failing = true;
    },
  });
  return listener;
}

/**
 * While the app closes, answers end their connection: a request in flight on a keep-alive
 * connection is answered, and then the connection does not keep `close()` waiting. A request that
 * arrives after the close began is answered 503 in our error shape (Fastify's own 503, turned off
 * with `return503OnClosing: false`, would send its default body).
 */
function closeConnectionsWhenClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    const body: ErrorBody = { error: 'service unavailable', reason: 'the reader is stopping' };
    return reply.code(503).send(body);
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
}

/**
 * Fastify, with a TLS certificate or key that https refuses (beyond what `readTlsFiles` checks)
 * reported as the settings it came from.
 */
function createFastify(
  options: FastifyServerOptions & { https?: TlsFiles },
  server: Config['server'],
) {
  try {
    return Fastify(options) as unknown as FastifyInstance;
  } catch (cause) {
    if (!options.https) throw cause;
    const files = `tls_cert = ${server.tlsCert}${server.tlsKey === null ? '' : `, tls_key = ${server.tlsKey}`}`;
    throw new ReaderConfigError(
      `[server] ${files}: not a usable certificate and key (${(cause as Error).message}). Give ` +
        `a PEM certificate chain and its unencrypted private key`,
      { cause },
    );
  }
}
