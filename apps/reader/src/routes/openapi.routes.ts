import type { FastifyPluginAsync } from 'fastify';
import type { OpenApiCollector } from '../http/openapi.js';

/** `/api/openapi.json`: the OpenAPI 3.1 document of every route the app registered. */
export const openApiRoutes: FastifyPluginAsync<{
  readonly collector: OpenApiCollector;
  readonly version: string;
}> = async (app, { collector, version }) => {
  let document: unknown;
  app.get(
    '/api/openapi.json',
    { schema: { summary: 'this document', hide: true } },
    // Built on first request: every plugin has registered its routes by then.
    async () => (document ??= collector.document({ title: 'MeshView-TS reader API', version })),
  );
};
