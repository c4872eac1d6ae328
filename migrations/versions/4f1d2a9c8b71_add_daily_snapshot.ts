/**
 * MeshView 3.0.6: the daily_snapshot table (one row of counts per day).
 *
 * Revision ID: 4f1d2a9c8b71
 * Revises: 23dad03d2e42
 */
import type { MigrationContext } from '@meshview/migrate';

export const revision = '4f1d2a9c8b71';
export const down_revision = '23dad03d2e42';
export const message = 'add daily_snapshot';
export const create_date = '2026-03-01';

// The same text on both databases: every column type here is spelled alike.
const CREATE_DAILY_SNAPSHOT = `CREATE TABLE daily_snapshot (\n\tsnapshot_date DATE NOT NULL, \n\tnode_count BIGINT NOT NULL, \n\tpacket_count BIGINT NOT NULL, \n\tgateway_count BIGINT NOT NULL, \n\tcaptured_at_us BIGINT NOT NULL, \n\tPRIMARY KEY (snapshot_date)\n)`;

export async function upgrade(ctx: MigrationContext): Promise<void> {
  await ctx.execute(CREATE_DAILY_SNAPSHOT);
}

export async function downgrade(ctx: MigrationContext): Promise<void> {
  await ctx.execute('DROP TABLE daily_snapshot');
}
