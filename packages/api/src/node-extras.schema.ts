import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.js';
import { integerParam, paramsSchema } from './param-schemas.js';

/** `GET /api/node/{node_id}/qr`. */
export const NodeQrResponseSchema = Type.Object({
  node_id: Type.Integer(),
  long_name: Nullable(Type.String()),
  short_name: Nullable(Type.String()),
  meshtastic_url: Type.String(),
});
export type NodeQrResponse = Static<typeof NodeQrResponseSchema>;

/** `GET /api/node/{node_id}/impersonation-check`. */
export const ImpersonationCheckResponseSchema = Type.Object({
  node_id: Type.Integer(),
  unique_public_key_count: Type.Integer(),
  potential_impersonation: Type.Boolean(),
  public_keys: Type.Array(Type.String()),
  warning: Nullable(Type.String()),
});
export type ImpersonationCheckResponse = Static<typeof ImpersonationCheckResponseSchema>;

/**
 * How well one gateway hears a node (`/api/node/{node_id}/receptions`, our addition): over the
 * node's packets in the window, how many of them this gateway reported, and the signal of those
 * heard directly (0 hops).
 */
export const GatewayReceptionSchema = Type.Object({
  gateway_node_id: Type.Integer(),
  long_name: Nullable(Type.String()),
  short_name: Nullable(Type.String()),
  receptions: Type.Integer({ description: "reports of the node's packets by this gateway" }),
  direct: Type.Integer({ description: 'of which heard directly (hop_start = hop_limit)' }),
  min_hops: Nullable(Type.Integer()),
  avg_snr: Nullable(Type.Number({ description: 'over the direct receptions' })),
  avg_rssi: Nullable(Type.Number({ description: 'over the direct receptions' })),
  last_seen_us: Nullable(Type.Integer()),
});
export type GatewayReception = Static<typeof GatewayReceptionSchema>;

/** One direct (0-hop) reception of the node's packet by a gateway, for the signal chart. */
export const DirectReceptionSchema = Type.Object({
  gateway_node_id: Type.Integer(),
  packet_id: Type.Integer(),
  import_time_us: Type.Integer(),
  rx_snr: Nullable(Type.Number()),
  rx_rssi: Nullable(Type.Integer()),
});
export type DirectReception = Static<typeof DirectReceptionSchema>;

/** `GET /api/node/{node_id}/receptions` (our addition). */
export const NodeReceptionsResponseSchema = Type.Object({
  node_id: Type.Integer(),
  since_us: Type.Integer({ description: 'the window starts here' }),
  packets: Type.Integer({ description: "the node's packets read (the newest, at most the limit)" }),
  gateways: Type.Array(GatewayReceptionSchema),
  direct: Type.Array(DirectReceptionSchema),
});
export type NodeReceptionsResponse = Static<typeof NodeReceptionsResponseSchema>;

/** How many days `/api/node/{node_id}/receptions` looks back by default, and at most. */
export const RECEPTION_DAYS = { default: 7, maximum: 30 } as const;
/** How many of the node's newest packets it reads by default, and at most. */
export const RECEPTION_PACKETS = { default: 1000, maximum: 5000 } as const;

/** `GET /api/node/{node_id}/receptions`' parameters (our addition). */
export const NodeReceptionsQuerySchema = paramsSchema({
  days: integerParam({
    minimum: 1,
    maximum: RECEPTION_DAYS.maximum,
    default: RECEPTION_DAYS.default,
    description: `the window: the last this many days (1..${RECEPTION_DAYS.maximum})`,
  }),
  limit: integerParam({
    minimum: 1,
    maximum: RECEPTION_PACKETS.maximum,
    clamp: true,
    default: RECEPTION_PACKETS.default,
    description: `how many of the node's newest packets in the window to read (clamped to 1..${RECEPTION_PACKETS.maximum})`,
  }),
});
export type NodeReceptionsQuery = Static<typeof NodeReceptionsQuerySchema>;
