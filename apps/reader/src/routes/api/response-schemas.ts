import type { JsonSchema } from '../../http/param-schemas.js';

const nullable = (type: string): JsonSchema => ({ type: [type, 'null'] });

/** A packet in `/api/packets` (also the OpenAPI description; Fastify serializes by it). */
export const PACKET_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['id', 'payload', 'decoded'],
  properties: {
    id: { type: 'integer' },
    import_time_us: nullable('integer'),
    channel: nullable('string'),
    from_node_id: nullable('integer'),
    to_node_id: nullable('integer'),
    portnum: nullable('integer'),
    long_name: nullable('string'),
    to_long_name: nullable('string'),
    payload: {
      type: 'string',
      description: 'text, Python protobuf text format, "<redacted>" or "Did not decode"',
    },
    decoded: {
      description:
        'our addition: the text, or the decoded message as protobuf JSON (camelCase), or null',
    },
    reply_id: { type: 'integer', description: 'Data.reply_id, when set' },
  },
};

/** A node in `/api/nodes`. */
export const NODE_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    node_id: nullable('integer'),
    long_name: nullable('string'),
    short_name: nullable('string'),
    hw_model: nullable('string'),
    firmware: nullable('string'),
    role: nullable('string'),
    last_lat: nullable('integer'),
    last_long: nullable('integer'),
    channel: nullable('string'),
    is_mqtt_gateway: nullable('boolean'),
    first_seen_us: nullable('integer'),
    last_seen_us: nullable('integer'),
  },
};
