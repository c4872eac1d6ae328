import { column, defineTable } from '@meshview/schema';

/** MeshView's `node`: one row per node, keyed by its user id string (`!a1b2c3d4`). */
export const nodeTable = defineTable(
  'node',
  {
    id: column.string().primaryKey(),
    node_id: column.bigInteger().unique(),
    long_name: column.string(),
    short_name: column.string(),
    hw_model: column.string(),
    firmware: column.string(),
    role: column.string(),
    last_lat: column.bigInteger(),
    last_long: column.bigInteger(),
    channel: column.string(),
    is_mqtt_gateway: column.boolean(),
    first_seen_us: column.bigInteger(),
    last_seen_us: column.bigInteger(),
    // Our addition: the top bits of last_lat/last_long the node kept (Position.precision_bits);
    // null when unknown or when the position came without it.
    precision_bits: column.integer(),
  },
  {
    indexes: [
      { name: 'idx_node_node_id', columns: ['node_id'] },
      { name: 'idx_node_first_seen_us', columns: ['first_seen_us'] },
      { name: 'idx_node_last_seen_us', columns: ['last_seen_us'] },
    ],
  },
);
