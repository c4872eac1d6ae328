import type { FastifyPluginCallback, FastifySchema } from 'fastify';
import { DAY_US, type DatabaseConnection } from '@meshview/db';
import type { AnswerCache } from '../../http/answer-cache.js';
import { integerParam, nodeIdParam, paramsSchema, textParam } from '../../http/param-schemas.js';
import { nodeListQuery, type NodeFilter } from '../../queries/node.queries.js';
import { nodeJson } from './node-json.js';
import { NODE_SCHEMA } from './response-schemas.js';

interface NodesQuery {
  readonly node_id?: number;
  readonly role?: string;
  readonly channel?: string;
  readonly hw_model?: string;
  readonly days_active?: number;
}

const schema: FastifySchema & Record<string, unknown> = {
  summary: 'Nodes ever seen, by short name',
  tags: ['nodes'],
  querystring: paramsSchema({
    node_id: nodeIdParam('only this node'),
    role: textParam({ maxLength: 50, description: 'role name (case-insensitive), e.g. ROUTER' }),
    channel: textParam({ maxLength: 100, description: 'channel name, exactly' }),
    hw_model: textParam({ maxLength: 100, description: 'hardware model name, exactly' }),
    days_active: integerParam({
      minimum: 0,
      maximum: 36_500,
      description: 'only nodes seen in this many days',
    }),
  }),
  response: {
    200: { type: 'object', properties: { nodes: { type: 'array', items: NODE_SCHEMA } } },
  },
};

/** `GET /api/nodes`: MeshView's node list and its filters. */
export const nodesRoutes: FastifyPluginCallback<{
  readonly database: DatabaseConnection;
  readonly answers: AnswerCache;
}> = (app, { database, answers }, done) => {
  app.get<{ Querystring: NodesQuery }>('/api/nodes', { schema }, async (request, reply) =>
    answers.answer(request, reply, async () => {
      const q = request.query;
      const filter: NodeFilter = {
        ...(q.node_id !== undefined ? { nodeId: q.node_id } : {}),
        ...(q.role !== undefined ? { role: q.role.toUpperCase() } : {}),
        ...(q.channel !== undefined ? { channel: q.channel } : {}),
        ...(q.hw_model !== undefined ? { hwModel: q.hw_model } : {}),
        ...(q.days_active !== undefined
          ? { seenSinceUs: Date.now() * 1000 - q.days_active * DAY_US }
          : {}),
      };
      const rows = await nodeListQuery(database.db, filter).execute();
      return { nodes: rows.map(nodeJson) };
    }),
  );
  done();
};
