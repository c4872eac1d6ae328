/**
 * MeshView 3.0.5's schema, exactly as its SQLAlchemy models emit it on each database.
 *
 * Revision ID: 23dad03d2e42 (MeshView's head at 3.0.5, so MeshView-made databases are adopted
 * as they are)
 * Revises: none (the baseline; MeshView's older revisions are retired)
 */
import type { MigrationContext } from '@meshview/migrate';

export const revision = '23dad03d2e42';
export const down_revision = null;
export const message =
  'MeshView 3.0.5 schema: node, packet, packet_seen, traceroute, node_public_key';
export const create_date = '2026-02-13';

// SQLAlchemy 1.4's own rendering of MeshView's models (tabs, ", " line ends and all), so that
// SQLite's stored schema text is the same as in a database MeshView made. The databases differ
// only in the binary type and in how an integer primary key autoincrements.
const TYPES = {
  sqlite: { binary: 'BLOB', serial: 'INTEGER' },
  postgres: { binary: 'BYTEA', serial: 'SERIAL' },
} as const;

function statements(t: (typeof TYPES)[keyof typeof TYPES]): string[] {
  return [
    `CREATE TABLE node (\n\tid VARCHAR NOT NULL, \n\tnode_id BIGINT, \n\tlong_name VARCHAR, \n\tshort_name VARCHAR, \n\thw_model VARCHAR, \n\tfirmware VARCHAR, \n\trole VARCHAR, \n\tlast_lat BIGINT, \n\tlast_long BIGINT, \n\tchannel VARCHAR, \n\tis_mqtt_gateway BOOLEAN, \n\tfirst_seen_us BIGINT, \n\tlast_seen_us BIGINT, \n\tPRIMARY KEY (id), \n\tUNIQUE (node_id)\n)`,
    `CREATE INDEX idx_node_first_seen_us ON node (first_seen_us)`,
    `CREATE INDEX idx_node_last_seen_us ON node (last_seen_us)`,
    `CREATE INDEX idx_node_node_id ON node (node_id)`,
    `CREATE TABLE node_public_key (\n\tid ${t.serial} NOT NULL, \n\tnode_id BIGINT NOT NULL, \n\tpublic_key VARCHAR NOT NULL, \n\tfirst_seen_us BIGINT, \n\tlast_seen_us BIGINT, \n\tPRIMARY KEY (id)\n)`,
    `CREATE INDEX idx_node_public_key_node_id ON node_public_key (node_id)`,
    `CREATE INDEX idx_node_public_key_public_key ON node_public_key (public_key)`,
    `CREATE TABLE packet (\n\tid BIGINT NOT NULL, \n\tportnum INTEGER, \n\tfrom_node_id BIGINT, \n\tto_node_id BIGINT, \n\tpayload ${t.binary}, \n\timport_time_us BIGINT, \n\tchannel VARCHAR, \n\tPRIMARY KEY (id)\n)`,
    `CREATE INDEX idx_packet_from_node_id ON packet (from_node_id)`,
    `CREATE INDEX idx_packet_from_node_time_us ON packet (from_node_id, import_time_us DESC)`,
    `CREATE INDEX idx_packet_import_time_us ON packet (import_time_us DESC)`,
    `CREATE INDEX idx_packet_to_node_id ON packet (to_node_id)`,
    `CREATE TABLE packet_seen (\n\tpacket_id BIGINT NOT NULL, \n\tnode_id BIGINT NOT NULL, \n\trx_time BIGINT NOT NULL, \n\thop_limit INTEGER, \n\thop_start INTEGER, \n\tchannel VARCHAR, \n\trx_snr FLOAT, \n\trx_rssi INTEGER, \n\ttopic VARCHAR, \n\timport_time_us BIGINT, \n\tPRIMARY KEY (packet_id, node_id, rx_time), \n\tFOREIGN KEY(packet_id) REFERENCES packet (id)\n)`,
    `CREATE INDEX idx_packet_seen_import_time_us ON packet_seen (import_time_us)`,
    `CREATE INDEX idx_packet_seen_node_id ON packet_seen (node_id)`,
    `CREATE INDEX idx_packet_seen_packet_id ON packet_seen (packet_id)`,
    `CREATE TABLE traceroute (\n\tid ${t.serial} NOT NULL, \n\tpacket_id BIGINT, \n\tgateway_node_id BIGINT, \n\tdone BOOLEAN, \n\troute ${t.binary}, \n\troute_return ${t.binary}, \n\timport_time_us BIGINT, \n\tPRIMARY KEY (id), \n\tFOREIGN KEY(packet_id) REFERENCES packet (id)\n)`,
    `CREATE INDEX idx_traceroute_import_time_us ON traceroute (import_time_us)`,
    `CREATE INDEX idx_traceroute_packet_id ON traceroute (packet_id)`,
  ];
}

const TABLES_CHILDREN_FIRST = ['traceroute', 'packet_seen', 'packet', 'node_public_key', 'node'];

export async function upgrade(ctx: MigrationContext): Promise<void> {
  for (const statement of statements(TYPES[ctx.dialect])) {
    await ctx.execute(statement);
  }
}

export async function downgrade(ctx: MigrationContext): Promise<void> {
  for (const table of TABLES_CHILDREN_FIRST) await ctx.execute(`DROP TABLE ${table}`);
}
