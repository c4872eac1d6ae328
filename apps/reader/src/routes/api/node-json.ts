import type { NodeRow } from '../../queries/node.queries.js';

/**
 * A node as `/api/nodes` shows it: MeshView's `Node.to_dict()`, which is every `node` column (the
 * route's response schema writes them in MeshView's order), the gateway flag a boolean.
 */
export function nodeJson(row: NodeRow) {
  return {
    ...row,
    is_mqtt_gateway: row.is_mqtt_gateway === null ? null : Boolean(row.is_mqtt_gateway),
  };
}
