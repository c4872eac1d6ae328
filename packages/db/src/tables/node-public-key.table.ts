import { column, defineTable } from '@meshview/schema';

/** MeshView's `node_public_key`: the public keys each node has announced (hex). */
export const nodePublicKeyTable = defineTable(
  'node_public_key',
  {
    id: column.integer().primaryKey().autoincrement(),
    node_id: column.bigInteger().notNull(),
    public_key: column.string().notNull(),
    first_seen_us: column.bigInteger(),
    last_seen_us: column.bigInteger(),
  },
  {
    indexes: [
      { name: 'idx_node_public_key_node_id', columns: ['node_id'] },
      { name: 'idx_node_public_key_public_key', columns: ['public_key'] },
    ],
  },
);
