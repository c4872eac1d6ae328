import { Type, type Static } from 'typebox';
import { paramsSchema, textParam } from './param-schemas.js';
import { PacketSchema } from './packet.schema.js';

/**
 * An event id of `/api/stream/packets`: `<import_time_us>:<id>` of the packet it carries, both
 * decimal integers. Also the form of `Last-Event-ID` and `last_event_id`.
 */
export const STREAM_EVENT_ID_PATTERN = '^[0-9]{1,16}:[0-9]{1,16}$';

/** `GET /api/stream/packets`' parameters; {@link StreamPacketsQuery} is what the handler gets. */
export const StreamPacketsQuerySchema = paramsSchema({
  last_event_id: textParam({
    maxLength: 33,
    pattern: STREAM_EVENT_ID_PATTERN,
    description:
      'resume after this event (`<import_time_us>:<id>`), for clients that cannot set the ' +
      'Last-Event-ID header (the header wins when both are given)',
  }),
});
export type StreamPacketsQuery = Static<typeof StreamPacketsQuerySchema>;

/**
 * A packet event's `data`: one packet exactly as an element of `/api/packets`' `packets`.
 * A client of the stream (the pages' live updates) handles these.
 */
export const LivePacketSchema = PacketSchema;
export type LivePacket = Static<typeof LivePacketSchema>;

/** `/health`'s `stream`: the event stream of this reader process (our addition). */
export const StreamHealthSchema = Type.Object({
  subscribers: Type.Integer({ description: 'clients connected to this reader process now' }),
  polls: Type.Integer({ description: 'database reads the stream has made since the start' }),
  dropped_slow: Type.Integer({
    description: 'clients dropped because their unsent bytes passed the byte limit',
  }),
});
export type StreamHealth = Static<typeof StreamHealthSchema>;
