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
export { statsHourlyTable } from './tables/stats-hourly.table.js';
export { statsDailyTable } from './tables/stats-daily.table.js';
export { statsSenderHourlyTable } from './tables/stats-sender-hourly.table.js';
export { statsSenderDailyTable } from './tables/stats-sender-daily.table.js';
export { statsRecipientHourlyTable } from './tables/stats-recipient-hourly.table.js';
export { statsRecipientDailyTable } from './tables/stats-recipient-daily.table.js';
export { tables } from './tables/tables.js';
export type { Database } from './database.js';
