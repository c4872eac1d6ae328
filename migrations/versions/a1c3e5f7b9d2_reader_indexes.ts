/**
 * The reader's indexes: every list route of the JSON API reads the newest rows of one index
 * range (by port, by channel, by receiver, by sender and port). Also reconciles two things real
 * MeshView databases carry: `idx_traceroute_packet_id`, which MeshView's models declare but none
 * of its Alembic revisions creates, and MeshView's demo table `example`, which its own migration
 * design says to remove after testing.
 *
 * The downgrade gives back the schema MeshView 3.0.5's own Alembic chain leaves (which is what
 * MeshView 3.0.5 runs on): our indexes dropped, `idx_traceroute_packet_id` dropped, `example`
 * recreated (empty: its demo rows are not kept) as revision 1717fa5c6545 made it.
 *
 * Revision ID: a1c3e5f7b9d2
 * Revises: ef8c9c0f7bd5
 */
import type { MigrationContext } from '@meshview/migrate';

export const revision = 'a1c3e5f7b9d2';
export const down_revision = 'ef8c9c0f7bd5';
export const message = 'reader indexes; idx_traceroute_packet_id; drop example';
export const create_date = '2026-11-26';

// Written as packages/db renders an index, so the models' DDL matches these text for text.
const READER_INDEXES = [
  ['idx_packet_portnum_time_us', 'packet (portnum, import_time_us DESC)'],
  ['idx_packet_channel_time_us', 'packet (channel, import_time_us DESC)'],
  ['idx_packet_to_node_time_us', 'packet (to_node_id, import_time_us DESC)'],
  ['idx_packet_from_node_portnum_time_us', 'packet (from_node_id, portnum, import_time_us DESC)'],
] as const;

const TRACEROUTE_PACKET_INDEX = 'CREATE INDEX idx_traceroute_packet_id ON traceroute (packet_id)';

// MeshView's revision 1717fa5c6545 as SQLAlchemy renders it on each database.
const CREATE_EXAMPLE = {
  sqlite: `CREATE TABLE example (\n\tid INTEGER NOT NULL, \n\tname VARCHAR(100) NOT NULL, \n\tdescription TEXT, \n\tvalue FLOAT, \n\tis_active BOOLEAN DEFAULT '1' NOT NULL, \n\tcreated_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL, \n\tupdated_at DATETIME, \n\tPRIMARY KEY (id)\n)`,
  postgres: `CREATE TABLE example (\n\tid SERIAL NOT NULL, \n\tname VARCHAR(100) NOT NULL, \n\tdescription TEXT, \n\tvalue FLOAT, \n\tis_active BOOLEAN DEFAULT '1' NOT NULL, \n\tcreated_at TIMESTAMP WITHOUT TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, \n\tupdated_at TIMESTAMP WITHOUT TIME ZONE, \n\tPRIMARY KEY (id)\n)`,
} as const;

async function indexExists(ctx: MigrationContext, name: string): Promise<boolean> {
  const query =
    ctx.dialect === 'sqlite'
      ? ctx.sql`SELECT 1 AS found FROM sqlite_master WHERE type = 'index' AND name = ${name}`
      : ctx.sql`SELECT 1 AS found FROM pg_indexes
            WHERE schemaname = current_schema() AND indexname = ${name}`;
  return (await query.execute(ctx.db)).rows.length > 0;
}

export async function upgrade(ctx: MigrationContext): Promise<void> {
  for (const [name, on] of READER_INDEXES) await ctx.execute(`CREATE INDEX ${name} ON ${on}`);
  // Plain CREATE after a look-up rather than IF NOT EXISTS: SQLite would keep that clause in the
  // stored schema text, and the schema is compared with the models' text.
  if (!(await indexExists(ctx, 'idx_traceroute_packet_id'))) {
    await ctx.execute(TRACEROUTE_PACKET_INDEX);
  }
  await ctx.execute('DROP TABLE IF EXISTS example');
}

export async function downgrade(ctx: MigrationContext): Promise<void> {
  for (const [name] of READER_INDEXES) await ctx.execute(`DROP INDEX ${name}`);
  await ctx.execute('DROP INDEX IF EXISTS idx_traceroute_packet_id');
  await ctx.execute(CREATE_EXAMPLE[ctx.dialect]);
  await ctx.execute('CREATE INDEX idx_example_name ON example (name)');
}
