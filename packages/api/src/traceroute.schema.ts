import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.js';

const Path = Type.Array(Type.Integer());

/** One gateway's report of a traceroute. */
export const TracerouteReportSchema = Type.Object({
  index: Type.Integer(),
  gateway_node_id: Nullable(Type.Integer()),
  done: Type.Boolean({ description: 'a reply (the route back is known)' }),
  forward_hops: Path,
  reverse_hops: Path,
});
export type TracerouteReport = Static<typeof TracerouteReportSchema>;

/** A path and how many reports took it. */
export const TraceroutePathCountSchema = Type.Object({ path: Path, count: Type.Integer() });
export type TraceroutePathCount = Static<typeof TraceroutePathCountSchema>;

/** `GET /api/traceroute/{packet_id}`. */
export const TracerouteResponseSchema = Type.Object({
  packet: Type.Object({
    id: Type.Integer(),
    from: Nullable(Type.Integer()),
    to: Nullable(Type.Integer()),
    channel: Nullable(Type.String()),
  }),
  traceroute_packets: Type.Array(TracerouteReportSchema),
  unique_forward_paths: Type.Array(TraceroutePathCountSchema),
  unique_reverse_paths: Type.Array(TraceroutePathCountSchema),
  winning_paths: Type.Object({ forward: Nullable(Path), reverse: Nullable(Path) }),
});
export type TracerouteResponse = Static<typeof TracerouteResponseSchema>;
