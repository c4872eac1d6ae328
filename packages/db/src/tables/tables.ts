import { dailySnapshotTable } from './daily-snapshot.table.js';
import { nodePublicKeyTable } from './node-public-key.table.js';
import { nodeTable } from './node.table.js';
import { packetSeenTable } from './packet-seen.table.js';
import { packetTable } from './packet.table.js';
import { statsHourlyTable } from './stats-hourly.table.js';
import { statsDailyTable } from './stats-daily.table.js';
import { statsSenderHourlyTable } from './stats-sender-hourly.table.js';
import { statsSenderDailyTable } from './stats-sender-daily.table.js';
import { statsRecipientHourlyTable } from './stats-recipient-hourly.table.js';
import { statsRecipientDailyTable } from './stats-recipient-daily.table.js';
import { tracerouteTable } from './traceroute.table.js';
import { writerStatsTable } from './writer-stats.table.js';

/**
 * MeshView 3.0.6's tables and ours, keyed by table name: the models the schema is checked against and the
 * source of the `Database` type.
 *
 * @example renderSchemaDdl(Object.values(tables), 'postgres')
 */
export const tables = Object.freeze({
  node: nodeTable,
  packet: packetTable,
  packet_seen: packetSeenTable,
  traceroute: tracerouteTable,
  node_public_key: nodePublicKeyTable,
  daily_snapshot: dailySnapshotTable,
  writer_stats: writerStatsTable,
  stats_hourly: statsHourlyTable,
  stats_daily: statsDailyTable,
  stats_sender_hourly: statsSenderHourlyTable,
  stats_sender_daily: statsSenderDailyTable,
  stats_recipient_hourly: statsRecipientHourlyTable,
  stats_recipient_daily: statsRecipientDailyTable,
});
