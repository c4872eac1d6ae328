import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.js';
import { integerParam, nodeIdParam, paramsSchema, textParam } from './param-schemas.js';

/** A node as `/api/nodes` lists it (MeshView's fields, in MeshView's order, then ours). */
export const NodeSchema = Type.Object({
  id: Type.String({ description: 'the node id as `!hex`' }),
  node_id: Nullable(Type.Integer()),
  long_name: Nullable(Type.String()),
  short_name: Nullable(Type.String()),
  hw_model: Nullable(Type.String({ description: 'hardware model name, `unknown(n)` if unknown' })),
  firmware: Nullable(Type.String()),
  role: Nullable(Type.String({ description: 'role name (`CLIENT`, `ROUTER`, …)' })),
  last_lat: Nullable(Type.Integer({ description: 'latitude × 1e7' })),
  last_long: Nullable(Type.Integer({ description: 'longitude × 1e7' })),
  channel: Nullable(Type.String()),
  is_mqtt_gateway: Nullable(Type.Boolean()),
  first_seen_us: Nullable(Type.Integer()),
  last_seen_us: Nullable(Type.Integer()),
  precision_bits: Nullable(
    Type.Integer({
      minimum: 1,
      maximum: 32,
      description:
        'our addition: how many top bits of last_lat/last_long the node kept (Position.precision_bits); ' +
        '32 is full precision, fewer make the position the middle of a cell 2^(32 - bits) × 1e-7 ' +
        'degrees wide; null when unknown (stored before this was recorded)',
    }),
  ),
});
export type Node = Static<typeof NodeSchema>;

/** `GET /api/nodes`. */
export const NodesResponseSchema = Type.Object({ nodes: Type.Array(NodeSchema) });
export type NodesResponse = Static<typeof NodesResponseSchema>;

/** `GET /api/nodes`' parameters. */
export const NodesQuerySchema = paramsSchema({
  node_id: nodeIdParam('only this node'),
  role: textParam({ maxLength: 50, description: 'role name (case-insensitive), e.g. ROUTER' }),
  channel: textParam({ maxLength: 100, description: 'channel name, exactly' }),
  hw_model: textParam({ maxLength: 100, description: 'hardware model name, exactly' }),
  days_active: integerParam({
    minimum: 0,
    maximum: 36_500,
    description: 'only nodes seen in this many days',
  }),
});
export type NodesQuery = Static<typeof NodesQuerySchema>;

/** The path of the `/api/node/{node_id}/…` routes. */
export const NodeIdParamsSchema = paramsSchema({ node_id: nodeIdParam('the node number') }, [
  'node_id',
]);
export type NodeIdParams = Static<typeof NodeIdParamsSchema>;
