import { Type, type Static } from 'typebox';
import { enumParam, integerParam, nodeIdParam, paramsSchema } from './param-schemas.js';
import { Nullable } from './nullable.js';

/** The kinds of report a link comes from. */
const EdgeKindSchema = Type.Union([Type.Literal('traceroute'), Type.Literal('neighbor')]);

/**
 * A directed link between two nodes, from a traceroute or a neighbour report. With `hours`
 * _(addition)_ it also says which kinds of report saw it, how many, and how well the link hears.
 */
export const EdgeSchema = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  type: EdgeKindSchema,
  kinds: Type.Optional(
    Type.Array(EdgeKindSchema, {
      description: 'every kind of report that saw it, traceroute first',
    }),
  ),
  reports: Type.Optional(
    Type.Integer({
      description: 'packets of the window that show it (neighbour reports and traceroutes)',
    }),
  ),
  snr: Type.Optional(
    Nullable(
      Type.Number({
        description:
          'mean SNR (dB, 2 places) at which `to` heard `from`, over the reports that carry one',
      }),
    ),
  ),
  last_us: Type.Optional(Type.Integer({ description: 'the newest report that shows it (µs)' })),
});
export type Edge = Static<typeof EdgeSchema>;

/** `GET /api/edges`. */
export const EdgesResponseSchema = Type.Object({
  edges: Type.Array(EdgeSchema),
  since_us: Type.Optional(
    Type.Integer({ description: 'with `hours`: where the window starts (µs)' }),
  ),
  truncated: Type.Optional(
    Type.Boolean({ description: 'with `hours`: the window held more reports than are read' }),
  ),
});
export type EdgesResponse = Static<typeof EdgesResponseSchema>;

/** The longest window `/api/edges?hours=` takes: a week. */
export const MAX_EDGE_HOURS = 168;

/** `GET /api/edges`' parameters. */
export const EdgesQuerySchema = paramsSchema({
  type: enumParam(['traceroute', 'neighbor'], { description: 'only edges of this kind' }),
  node_id: nodeIdParam('only edges from or to this node'),
  hours: integerParam({
    minimum: 1,
    maximum: MAX_EDGE_HOURS,
    description:
      '(addition) every traceroute and neighbour report of the last so many hours, with kinds, report counts and SNR',
  }),
});
export type EdgesQuery = Static<typeof EdgesQuerySchema>;
