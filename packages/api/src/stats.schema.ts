import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.js';

/** `GET /api/stats`: one bucket. `portnum` is there when grouped by port (`group_by=portnum`). */
export const StatsBucketSchema = Type.Object({
  period: Type.String({ description: '`YYYY-MM-DD HH:00` or `YYYY-MM-DD`, UTC' }),
  count: Type.Integer(),
  portnum: Type.Optional(Type.Integer()),
});
export type StatsBucket = Static<typeof StatsBucketSchema>;

/** `GET /api/stats` (without `node`). */
export const StatsResponseSchema = Type.Object({
  period_type: Type.String(),
  length: Type.Integer(),
  channel: Nullable(Type.String()),
  portnum: Nullable(Type.Integer()),
  to_node: Nullable(Type.Integer()),
  from_node: Nullable(Type.Integer()),
  data: Type.Array(StatsBucketSchema),
});
export type StatsResponse = Static<typeof StatsResponseSchema>;

/** `GET /api/stats?node=…`. */
export const NodeStatsResponseSchema = Type.Object({
  node_id: Type.Integer(),
  period_type: Type.String(),
  length: Type.Integer(),
  sent: Type.Integer(),
  seen: Type.Integer(),
});
export type NodeStatsResponse = Static<typeof NodeStatsResponseSchema>;

/** `GET /api/stats/count`. */
export const StatsCountResponseSchema = Type.Object({
  total_packets: Type.Integer(),
  total_seen: Type.Integer(),
});
export type StatsCountResponse = Static<typeof StatsCountResponseSchema>;

/** `GET /api/channels`. */
export const ChannelsResponseSchema = Type.Object({ channels: Type.Array(Type.String()) });
export type ChannelsResponse = Static<typeof ChannelsResponseSchema>;
