import { readFileSync } from 'node:fs';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from '@meshview/config';
import type { DatabaseConnection } from '@meshview/db';
import type { Logger } from '@meshview/log';
import { installErrorHandling } from './http/error-handling.js';
import { addIntegerKeyword } from './http/integer-keyword.js';
import { OpenApiCollector } from './http/openapi.js';
import { apiRoutes } from './routes/api.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import type { SchemaWatch } from './schema-watch.js';

/** What the reader's app is built from. */
export interface AppProps {
  readonly logger: Logger;
  readonly watch: SchemaWatch;
  /** The reader's read-only connection (`openDatabase(url, { readOnly: true })`). */
  readonly database: DatabaseConnection;
  readonly config: Config;
}

/**
 * Path parameters longer than this answer 404 (find-my-way's limit); long enough that a bad id
 * reaches validation and gets a 400 naming it.
 */
const MAX_PARAM_LENGTH = 2048;

/**
 * Builds the reader's Fastify app (not listening); `main.ts` boots it, tests inject into it.
 * Every route is served under `[server] base_path`.
 */
export async function buildApp({
  logger,
  watch,
  database,
  config,
}: AppProps): Promise<FastifyInstance> {
  const { server } = config;
  // pino's Logger is a FastifyBaseLogger; naming the base type keeps the instance's type plain.
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: !config.logging.accessLog }),
    trustProxy: server.trustProxy as boolean | string[],
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    ajv: { plugins: [addIntegerKeyword] },
    ...(server.tlsCert !== null ? { https: tlsOptions(server.tlsCert, server.tlsKey) } : {}),
  }) as unknown as FastifyInstance;
  installErrorHandling(app);
  const openapi = new OpenApiCollector();
  openapi.install(app);
  await app.register(
    async (scope) => {
      await scope.register(healthRoutes, { watch });
      await scope.register(apiRoutes, { database, config });
    },
    { prefix: server.basePath },
  );
  return app;
}

function tlsOptions(certFile: string, keyFile: string | null): { cert: Buffer; key: Buffer } {
  // MeshView loads one PEM holding the chain and the key; a separate key file is our addition.
  return { cert: readFileSync(certFile), key: readFileSync(keyFile ?? certFile) };
}
