import { Type, type Static } from 'typebox';
import { enumParam, nodeIdParam, paramsSchema } from './param-schemas.js';

/** A directed link between two nodes, from a traceroute or a neighbour report. */
export const EdgeSchema = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  type: Type.Union([Type.Literal('traceroute'), Type.Literal('neighbor')]),
});
export type Edge = Static<typeof EdgeSchema>;

/** `GET /api/edges`. */
export const EdgesResponseSchema = Type.Object({ edges: Type.Array(EdgeSchema) });
export type EdgesResponse = Static<typeof EdgesResponseSchema>;

/** `GET /api/edges`' parameters. */
export const EdgesQuerySchema = paramsSchema({
  type: enumParam(['traceroute', 'neighbor'], { description: 'only edges of this kind' }),
  node_id: nodeIdParam('only edges from or to this node'),
});
export type EdgesQuery = Static<typeof EdgesQuerySchema>;
