import type { FastifyPluginCallback, FastifySchema } from 'fastify';
import { NodeSchema, NodesQuerySchema, NodesResponseSchema, type NodesQuery } from '@meshview/api';
import { DAY_US, type DatabaseConnection } from '@meshview/db';
import type { AnswerCache } from '../../http/answer-cache.js';
import { nodeListQuery, type NodeRow } from '../../queries/node.queries.js';
import { nodeJson } from './node-json.js';
import { NodeList } from './node-list.js';

const schema: FastifySchema & Record<string, unknown> = {
  summary: 'Nodes ever seen, by short name',
  tags: ['nodes'],
  querystring: NodesQuerySchema,
  response: { 200: NodesResponseSchema },
};

/**
 * `GET /api/nodes`: MeshView's node list and its filters. Every seen node is read and written
 * out once per answer lifetime ({@link AnswerCache.shared}); each filter combination is then cut
 * from that list, in the database's order, and combinations that keep the same nodes share one
 * answer's bytes (see {@link NodeList}). Read per combination, a page's mix of `days_active`,
 * `channel` and `role` cost the whole list's query and serialisation each time (14 ms for
 * 2,000 nodes on SQLite).
 */
export const nodesRoutes: FastifyPluginCallback<{
  readonly database: DatabaseConnection;
  readonly answers: AnswerCache;
}> = (app, { database, answers }, done) => {
  app.get<{ Querystring: NodesQuery }>('/api/nodes', { schema }, async (request, reply) =>
    answers.answer(request, reply, async () => {
      const q = request.query;
      if (q.node_id !== undefined) {
        const rows = await nodeListQuery(database.db, { nodeId: q.node_id }).execute();
        const node = rows[0];
        const kept = node !== undefined && matches(node, q, Date.now() * 1000) ? [node] : [];
        return { nodes: kept.map(nodeJson) };
      }
      const writeNode = reply.compileSerializationSchema(
        NodeSchema as unknown as Record<string, unknown>,
      ) as (node: object) => string;
      const all = await answers.shared(
        '/api/nodes',
        async () =>
          new NodeList(
            (await nodeListQuery(database.db, {}).execute()).map((row) => ({
              row,
              json: writeNode(nodeJson(row)),
            })),
          ),
      );
      const nowUs = Date.now() * 1000;
      return all.answer((row) => matches(row, q, nowUs));
    }),
  );
  done();
};

/** Whether a seen node passes `/api/nodes`' filters (MeshView's, all exact; `role` upper-cased). */
function matches(row: NodeRow, q: NodesQuery, nowUs: number): boolean {
  return (
    (q.role === undefined || row.role === q.role.toUpperCase()) &&
    (q.channel === undefined || row.channel === q.channel) &&
    (q.hw_model === undefined || row.hw_model === q.hw_model) &&
    (q.days_active === undefined ||
      (row.last_seen_us !== null && row.last_seen_us >= nowUs - q.days_active * DAY_US))
  );
}
