import type { NodeRow } from '../../queries/node.queries.js';

/** A node as `/api/nodes` shows it (MeshView's `Node.to_dict()` fields). */
export function nodeJson(row: NodeRow) {
  return {
    id: row.id,
    node_id: row.node_id,
    long_name: row.long_name,
    short_name: row.short_name,
    hw_model: row.hw_model,
    firmware: row.firmware,
    role: row.role,
    last_lat: row.last_lat,
    last_long: row.last_long,
    channel: row.channel,
    is_mqtt_gateway: row.is_mqtt_gateway === null ? null : Boolean(row.is_mqtt_gateway),
    first_seen_us: row.first_seen_us,
    last_seen_us: row.last_seen_us,
  };
}
