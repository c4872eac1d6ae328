import { create, toBinary } from '@bufbuild/protobuf';
import type { FastifyPluginCallback, FastifySchema } from 'fastify';
import { NodeIdParamsSchema, NodeQrResponseSchema, type NodeIdParams } from '@meshview/api';
import type { DatabaseConnection } from '@meshview/db';
import { Admin, hwModelNumber } from '@meshview/mesh';
import { notFound } from '../../http/error-body.js';
import { nodeQuery, type NodeRow } from '../../queries/node.queries.js';

const schema: FastifySchema & Record<string, unknown> = {
  summary: "A node's Meshtastic contact link (for a QR code)",
  tags: ['nodes'],
  params: NodeIdParamsSchema,
  response: { 200: NodeQrResponseSchema },
};

/** The node as a `SharedContact`, base64url without padding: the `#` part of the contact URL. */
export function sharedContactFragment(node: NodeRow): string {
  const contact = create(Admin.SharedContactSchema, {
    nodeNum: node.node_id ?? 0,
    user: {
      id: node.id,
      longName: node.long_name ?? '',
      shortName: node.short_name ?? '',
      // A stored model name (`HELTEC_V3`, `unknown(999)`) as its number; 0 (UNSET) if none.
      hwModel: (node.hw_model === null ? null : hwModelNumber(node.hw_model)) ?? 0,
    },
    manuallyVerified: false,
  });
  return Buffer.from(toBinary(Admin.SharedContactSchema, contact)).toString('base64url');
}

/** `GET /api/node/{node_id}/qr`: the contact link the Meshtastic apps import. */
export const nodeQrRoutes: FastifyPluginCallback<{ readonly database: DatabaseConnection }> = (
  app,
  { database },
  done,
) => {
  app.get<{ Params: NodeIdParams }>('/api/node/:node_id/qr', { schema }, async (request, reply) => {
    const id = request.params.node_id;
    const [node] = await nodeQuery(database.db, id).execute();
    if (node === undefined) return notFound(reply, `no node ${id}`, 'node_id');
    return {
      node_id: id,
      long_name: node.long_name,
      short_name: node.short_name,
      meshtastic_url: `https://meshtastic.org/v/#${sharedContactFragment(node)}`,
    };
  });
  done();
};
