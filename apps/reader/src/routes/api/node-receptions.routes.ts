import type { FastifyPluginCallback, FastifySchema } from 'fastify';
import {
  NodeIdParamsSchema,
  NodeReceptionsQuerySchema,
  NodeReceptionsResponseSchema,
  type NodeIdParams,
  type NodeReceptionsQuery,
  type NodeReceptionsResponse,
} from '@meshview/api';
import { DAY_US, type DatabaseConnection } from '@meshview/db';
import type { AnswerCache } from '../../http/answer-cache.js';
import { notFound } from '../../http/error-body.js';
import {
  anyPacketFromQuery,
  nodeNamesQuery,
  nodePacketIdsQuery,
  RECEPTION_BATCH,
  receptionsQuery,
  type ReceptionRow,
} from '../../queries/node-receptions.queries.js';
import { nodeQuery } from '../../queries/node.queries.js';
import { summariseReceptions } from './node-receptions.js';

const schema: FastifySchema & Record<string, unknown> = {
  summary:
    "How the gateways hear a node: its newest packets' receptions by gateway, and the direct ones",
  tags: ['nodes'],
  params: NodeIdParamsSchema,
  querystring: NodeReceptionsQuerySchema,
  response: { 200: NodeReceptionsResponseSchema },
};

/**
 * `GET /api/node/{node_id}/receptions` (our addition): the node's newest `limit` packets of the
 * last `days` days, and which gateways reported them, how often directly and with what signal.
 */
export const nodeReceptionsRoutes: FastifyPluginCallback<{
  readonly database: DatabaseConnection;
  readonly answers: AnswerCache;
}> = (app, { database, answers }, done) => {
  const { db } = database;
  app.get<{ Params: NodeIdParams; Querystring: NodeReceptionsQuery }>(
    '/api/node/:node_id/receptions',
    { schema },
    async (request, reply) => {
      const id = request.params.node_id;
      const { days, limit } = request.query;
      const body = await answers.answer(
        request,
        reply,
        async (): Promise<NodeReceptionsResponse | null> => {
          const sinceUs = Date.now() * 1000 - days * DAY_US;
          const packets = await nodePacketIdsQuery(db, id, sinceUs, limit).execute();
          if (packets.length === 0 && !(await known(id))) return null;
          const ids = packets.map((p) => Number(p.id));
          const rows: ReceptionRow[] = [];
          for (let i = 0; i < ids.length; i += RECEPTION_BATCH) {
            rows.push(...(await receptionsQuery(db, ids.slice(i, i + RECEPTION_BATCH)).execute()));
          }
          const { gateways, direct } = summariseReceptions(rows);
          const names = new Map(
            (
              await nodeNamesQuery(
                db,
                gateways.map((g) => g.gateway_node_id),
              ).execute()
            ).map((n) => [Number(n.node_id), n]),
          );
          return {
            node_id: id,
            since_us: sinceUs,
            packets: packets.length,
            gateways: gateways.map((g) => ({
              ...g,
              long_name: names.get(g.gateway_node_id)?.long_name ?? null,
              short_name: names.get(g.gateway_node_id)?.short_name ?? null,
            })),
            direct,
          };
        },
      );
      return body ?? notFound(reply, `no node ${id}`, 'node_id');
    },
  );

  /** A node row, or any packet from it: a node the mesh has heard of. */
  async function known(id: number): Promise<boolean> {
    if ((await nodeQuery(db, id).execute()).length > 0) return true;
    return (await anyPacketFromQuery(db, id).execute()).length > 0;
  }
  done();
};
