import { create, toBinary } from '@bufbuild/protobuf';
import type { FastifyPluginAsync, FastifySchema } from 'fastify';
import type { DatabaseConnection } from '@meshview/db';
import { notFound } from '../../http/error-body.js';
import { nodeIdParam, paramsSchema } from '../../http/param-schemas.js';
import { Admin, Mesh } from '../../payload/protobufs.js';
import { nodeQuery, type NodeRow } from '../../queries/node.queries.js';

const schema: FastifySchema & Record<string, unknown> = {
  summary: "A node's Meshtastic contact link (for a QR code)",
  tags: ['nodes'],
  params: paramsSchema({ node_id: nodeIdParam('the node number') }, ['node_id']),
};

/** The `HardwareModel` number of a stored model name (`HELTEC_V3`, `unknown(999)`), else 0. */
function hwModelNumber(name: string | null): number {
  if (name === null) return 0;
  const unknown = /^unknown\((\d+)\)$/.exec(name);
  if (unknown) return Number(unknown[1]);
  return Mesh.HardwareModelSchema.values.find((v) => v.name === name)?.number ?? 0;
}

/** The node as a `SharedContact`, base64url without padding: the `#` part of the contact URL. */
export function sharedContactFragment(node: NodeRow): string {
  const contact = create(Admin.SharedContactSchema, {
    nodeNum: node.node_id ?? 0,
    user: {
      id: node.id,
      longName: node.long_name ?? '',
      shortName: node.short_name ?? '',
      hwModel: hwModelNumber(node.hw_model),
    },
    manuallyVerified: false,
  });
  return Buffer.from(toBinary(Admin.SharedContactSchema, contact)).toString('base64url');
}

/** `GET /api/node/{node_id}/qr`: the contact link the Meshtastic apps import. */
export const nodeQrRoutes: FastifyPluginAsync<{ readonly database: DatabaseConnection }> = async (
  app,
  { database },
) => {
  app.get<{ Params: { node_id: number } }>(
    '/api/node/:node_id/qr',
    { schema },
    async (request, reply) => {
      const id = request.params.node_id;
      const [node] = await nodeQuery(database.db, id).execute();
      if (node === undefined) return notFound(reply, `no node ${id}`, 'node_id');
      return {
        node_id: id,
        long_name: node.long_name,
        short_name: node.short_name,
        meshtastic_url: `https://meshtastic.org/v/#${sharedContactFragment(node)}`,
      };
    },
  );
};
