import { column, defineTable } from '@meshview/schema';

/** MeshView's `traceroute`: route discovery requests and replies, with their raw route bytes. */
export const tracerouteTable = defineTable(
  'traceroute',
  {
    id: column.integer().primaryKey().autoincrement(),
    packet_id: column.bigInteger(),
    gateway_node_id: column.bigInteger(),
    done: column.boolean(),
    route: column.largeBinary(),
    route_return: column.largeBinary(),
    import_time_us: column.bigInteger(),
  },
  {
    indexes: [
      // MeshView's Alembic chain never made this one; migration a1c3e5f7b9d2 adds it where missing.
      { name: 'idx_traceroute_packet_id', columns: ['packet_id'] },
      { name: 'idx_traceroute_import_time_us', columns: ['import_time_us'] },
    ],
    foreignKeys: [{ columns: ['packet_id'], references: { table: 'packet', columns: ['id'] } }],
  },
);
