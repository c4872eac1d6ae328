import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.js';

const Path = Type.Array(Type.Integer());

/** SNRs in dB, `null` where not measured (the packet's −128) or not carried. */
const snrs = (description: string) => Type.Array(Nullable(Type.Number()), { description });

/** One gateway's report of a traceroute. */
export const TracerouteReportSchema = Type.Object({
  index: Type.Integer(),
  gateway_node_id: Nullable(Type.Integer()),
  done: Type.Boolean({ description: 'a reply (the route back is known)' }),
  forward_hops: Path,
  reverse_hops: Path,
  snr_towards: snrs(
    '(addition) `snr_towards` in dB: the SNR each node after the requester heard the previous one at, on the way to the destination; `null` where not measured',
  ),
  snr_back: snrs('(addition) `snr_back` in dB: the same on the way back'),
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
    import_time_us: Type.Integer({ description: '(addition) when the packet was first stored' }),
  }),
  traceroute_packets: Type.Array(TracerouteReportSchema),
  unique_forward_paths: Type.Array(TraceroutePathCountSchema),
  unique_reverse_paths: Type.Array(TraceroutePathCountSchema),
  winning_paths: Type.Object({
    forward: Nullable(Path),
    reverse: Nullable(Path),
    forward_snr: Nullable(snrs("(addition) each link's SNR in dB, aligned with `forward`'s links")),
    reverse_snr: Nullable(snrs("(addition) each link's SNR in dB, aligned with `reverse`'s links")),
  }),
});
export type TracerouteResponse = Static<typeof TracerouteResponseSchema>;
