import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '@meshview/log';
import { healthRoutes } from './routes/health.routes.js';
import type { SchemaWatch } from './schema-watch.js';

/** What the reader's app is built from. */
export interface AppProps {
  readonly logger: Logger;
  readonly watch: SchemaWatch;
  readonly accessLog?: boolean;
}

/** Builds the reader's Fastify app (not listening); `main.ts` boots it, tests inject into it. */
export async function buildApp({
  logger,
  watch,
  accessLog = false,
}: AppProps): Promise<FastifyInstance> {
  // pino's Logger is a FastifyBaseLogger; naming the base type keeps the instance's type plain.
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: !accessLog }),
  });
  await app.register(healthRoutes, { watch });
  return app;
}
