import { column, defineTable } from '@meshview/schema';

/** MeshView 3.0.6's `daily_snapshot`: one row of mesh-wide counts per day. */
export const dailySnapshotTable = defineTable('daily_snapshot', {
  snapshot_date: column.date().primaryKey(),
  node_count: column.bigInteger().notNull(),
  packet_count: column.bigInteger().notNull(),
  gateway_count: column.bigInteger().notNull(),
  captured_at_us: column.bigInteger().notNull(),
});
