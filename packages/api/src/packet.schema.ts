import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.js';
import {
  integerParam,
  nodeIdParam,
  packetIdParam,
  paramsSchema,
  textParam,
} from './param-schemas.js';

/**
 * A packet as `/api/packets` lists it: MeshView's fields, plus `decoded` (the text of a text
 * message, or the decoded message as protobuf JSON with camelCase names; `null` when redacted or
 * not decoded).
 */
export const PacketSchema = Type.Object({
  id: Type.Integer(),
  import_time_us: Nullable(Type.Integer()),
  channel: Nullable(Type.String()),
  from_node_id: Nullable(Type.Integer()),
  to_node_id: Nullable(Type.Integer()),
  portnum: Nullable(Type.Integer()),
  long_name: Nullable(Type.String()),
  to_long_name: Nullable(Type.String()),
  payload: Type.String({
    description: 'text, Python protobuf text format, "<redacted>" or "Did not decode"',
  }),
  decoded: Type.Unknown({
    description:
      'our addition: the text, or the decoded message as protobuf JSON (camelCase), or null',
  }),
  reply_id: Type.Optional(Type.Integer({ description: 'Data.reply_id, when set' })),
  want_response: Type.Optional(
    Type.Boolean({
      description:
        'our addition: Data.want_response, there (true) only when the sender asks for an answer',
    }),
  ),
});
export type Packet = Static<typeof PacketSchema>;

/** `GET /api/packets`. */
export const PacketsResponseSchema = Type.Object({
  packets: Type.Array(PacketSchema),
  latest_import_time: Nullable(Type.Integer()),
});
export type PacketsResponse = Static<typeof PacketsResponseSchema>;

/**
 * One gateway's report of a packet (`/api/packets_seen/{id}`). The gateway's names and last
 * position are our additions, so a page can draw and label it without another request.
 */
export const PacketSeenSchema = Type.Object({
  packet_id: Type.Integer(),
  node_id: Type.Integer({ description: 'the gateway' }),
  rx_time: Nullable(Type.Integer()),
  hop_limit: Nullable(Type.Integer()),
  hop_start: Nullable(Type.Integer()),
  channel: Nullable(Type.String()),
  rx_snr: Nullable(Type.Number()),
  rx_rssi: Nullable(Type.Integer()),
  topic: Nullable(Type.String()),
  import_time_us: Nullable(Type.Integer()),
  long_name: Type.Optional(Nullable(Type.String())),
  short_name: Type.Optional(Nullable(Type.String())),
  last_lat: Type.Optional(Nullable(Type.Integer())),
  last_long: Type.Optional(Nullable(Type.Integer())),
});
export type PacketSeen = Static<typeof PacketSeenSchema>;

/** `GET /api/packets_seen/{packet_id}`. */
export const PacketsSeenResponseSchema = Type.Object({ seen: Type.Array(PacketSeenSchema) });
export type PacketsSeenResponse = Static<typeof PacketsSeenResponseSchema>;

/** `GET /api/packets`' parameters; {@link PacketsQuery} is what the handler gets. */
export const PacketsQuerySchema = paramsSchema({
  packet_id: packetIdParam('only this packet'),
  limit: integerParam({
    minimum: 1,
    maximum: 1000,
    clamp: true,
    default: 50,
    description: 'how many packets, newest first (1 to 1000; out-of-range values are clamped)',
  }),
  since: integerParam({ description: 'only packets imported after this time (µs)' }),
  before: integerParam({
    description:
      'our addition: only packets imported before this time (µs), for the page of older packets',
  }),
  portnum: integerParam({ minimum: 0, maximum: 0x7fff_ffff, description: 'the port number' }),
  contains: textParam({
    description:
      'case-insensitive text the shown payload contains (reads at most the newest 10,000 matching rows)',
  }),
  from_node_id: nodeIdParam('sent by this node'),
  to_node_id: nodeIdParam('sent to this node'),
  node_id: nodeIdParam('sent by or to this node'),
  channel: textParam({ maxLength: 100, description: "the envelope's channel name, exactly" }),
});
export type PacketsQuery = Static<typeof PacketsQuerySchema>;

/** The path of `/api/packets_seen/{packet_id}` and `/api/traceroute/{packet_id}`. */
export const PacketIdParamsSchema = paramsSchema({ packet_id: packetIdParam('the packet') }, [
  'packet_id',
]);
export type PacketIdParams = Static<typeof PacketIdParamsSchema>;
