import { dailySnapshotTable } from './daily-snapshot.table.js';
import { nodePublicKeyTable } from './node-public-key.table.js';
import { nodeTable } from './node.table.js';
import { packetSeenTable } from './packet-seen.table.js';
import { packetTable } from './packet.table.js';
import { rollupTableDefinitions } from './stats-rollups.js';
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
  ...rollupTableDefinitions,
});
