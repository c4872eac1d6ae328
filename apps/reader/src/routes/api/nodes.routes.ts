import type { FastifyPluginCallback, FastifySchema } from 'fastify';
import { NodesQuerySchema, NodesResponseSchema, type NodesQuery } from '@meshview/api';
import { DAY_US, type DatabaseConnection } from '@meshview/db';
import type { AnswerCache } from '../../http/answer-cache.js';
import { nodeListQuery, type NodeFilter } from '../../queries/node.queries.js';
import { nodeJson } from './node-json.js';

const schema: FastifySchema & Record<string, unknown> = {
  summary: 'Nodes ever seen, by short name',
  tags: ['nodes'],
  querystring: NodesQuerySchema,
  response: { 200: NodesResponseSchema },
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
