import type { FastifyPluginCallback, FastifySchema } from 'fastify';
import {
  NodeIdParamsSchema,
  ImpersonationCheckResponseSchema,
  type NodeIdParams,
} from '@meshview/api';
import type { DatabaseConnection } from '@meshview/db';
import { notFound } from '../../http/error-body.js';
import { nodeQuery } from '../../queries/node.queries.js';
import { publicKeysQuery } from '../../queries/public-key.queries.js';

/** How many keys the answer lists before `"..."`. */
const SHOWN_KEYS = 3;

const schema: FastifySchema & Record<string, unknown> = {
  summary: 'Whether a node was seen with more than one public key',
  tags: ['nodes'],
  params: NodeIdParamsSchema,
  response: { 200: ImpersonationCheckResponseSchema },
};

/** `GET /api/node/{node_id}/impersonation-check`: the public keys a node announced. */
export const impersonationCheckRoutes: FastifyPluginCallback<{
  readonly database: DatabaseConnection;
}> = (app, { database }, done) => {
  app.get<{ Params: NodeIdParams }>(
    '/api/node/:node_id/impersonation-check',
    { schema },
    async (request, reply) => {
      const id = request.params.node_id;
      const keys = (await publicKeysQuery(database.db, id).execute()).map((k) => k.public_key);
      if (keys.length === 0) {
        const [node] = await nodeQuery(database.db, id).execute();
        if (node === undefined) return notFound(reply, `no node ${id}`, 'node_id');
      }
      const shown: string[] = keys.slice(0, SHOWN_KEYS);
      if (keys.length > SHOWN_KEYS) shown.push('...');
      const suspicious = keys.length > 1;
      return {
        node_id: id,
        unique_public_key_count: keys.length,
        potential_impersonation: suspicious,
        public_keys: shown,
        warning: suspicious
          ? `This node number has been seen with ${keys.length} different public keys: another device may be using its identity.`
          : null,
      };
    },
  );
  done();
};
