import { column, defineTable } from '@meshview/schema';

/** MeshView's `packet_seen`: one row per reception of a packet by a gateway. */
export const packetSeenTable = defineTable(
  'packet_seen',
  {
    packet_id: column.bigInteger().primaryKey(),
    node_id: column.bigInteger().primaryKey(),
    rx_time: column.bigInteger().primaryKey(),
    hop_limit: column.integer(),
    hop_start: column.integer(),
    channel: column.string(),
    rx_snr: column.float(),
    rx_rssi: column.integer(),
    topic: column.string(),
    import_time_us: column.bigInteger(),
  },
  {
    indexes: [
      { name: 'idx_packet_seen_node_id', columns: ['node_id'] },
      { name: 'idx_packet_seen_packet_id', columns: ['packet_id'] },
      { name: 'idx_packet_seen_import_time_us', columns: ['import_time_us'] },
    ],
    foreignKeys: [{ columns: ['packet_id'], references: { table: 'packet', columns: ['id'] } }],
  },
);
