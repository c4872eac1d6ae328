import type { FastifyPluginCallback } from 'fastify';
import type { OpenApiCollector } from '../http/openapi.js';

/** `/api/openapi.json`: the OpenAPI 3.1 document of every route the app registered. */
export const openApiRoutes: FastifyPluginCallback<{
  readonly collector: OpenApiCollector;
  readonly version: string;
}> = (app, { collector, version }, done) => {
  let document: unknown;
  app.get(
    '/api/openapi.json',
    { schema: { summary: 'this document', hide: true } },
    // Built on first request: every plugin has registered its routes by then.
    () => (document ??= collector.document({ title: 'MeshView-TS reader API', version })),
  );
  done();
};
