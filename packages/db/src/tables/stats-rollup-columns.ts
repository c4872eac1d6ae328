import { column } from '@meshview/schema';

/**
 * The columns every statistics roll-up shares: the bucket's start (µs, a whole hour or a whole
 * UTC day), the packet's channel and port, and the two counts.
 *
 * A bucket key holds no NULL (a primary key cannot, and the writer's upserts key on it): a
 * packet's NULL channel is kept as `''`, a NULL port or node as -1. Only MeshView-era rows have
 * such NULLs; our writer never stores them.
 */
export const rollupColumns = {
  bucket_us: () => column.bigInteger().primaryKey(),
  channel: () => column.string().primaryKey(),
  portnum: () => column.integer().primaryKey(),
  node: () => column.bigInteger().primaryKey(),
  /** Packets imported in the bucket (by `packet.import_time_us`). */
  packets: () => column.bigInteger().notNull(),
  /** Receptions (`packet_seen` rows) imported in the bucket, counted under their packet's keys. */
  seen: () => column.bigInteger().notNull(),
};
