// MeshView's tables, their Kysely `Database` type, and (re-exported, so the apps need one import)
// the connection layer of `@meshview/db/connection` and the table DSL of `@meshview/schema`.
export * from './connection/index.js';
export { openDatabase, type DatabaseConnection } from './mesh-database-connection.js';

export * from '@meshview/schema';

export { nodeTable } from './tables/node.table.js';
export { packetTable } from './tables/packet.table.js';
export { packetSeenTable } from './tables/packet-seen.table.js';
export { tracerouteTable } from './tables/traceroute.table.js';
export { nodePublicKeyTable } from './tables/node-public-key.table.js';
export { dailySnapshotTable } from './tables/daily-snapshot.table.js';
export { writerStatsTable } from './tables/writer-stats.table.js';
export { WRITER_COUNTERS, type WriterCounter } from './tables/writer-stats.table.js';
export {
  FINEST_BUCKET_US,
  ROLLUP_TABLES,
  rollupTable,
  rollupTableDefinitions,
  type RollupFamily,
  type RollupGranularity,
  type RollupKeyColumn,
  type RollupTable,
} from './tables/stats-rollups.js';
export { DAY_US, HOUR_US } from './tables/time-units.js';
export { tables } from './tables/tables.js';
export { NEW_PACKETS_CHANNEL } from './new-packets-channel.js';
export { columnNames } from './tables/column-names.js';
export type { Database } from './database.js';
