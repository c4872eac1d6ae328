/**
 * The writer's counters, one row per writer process, so that readers on other machines can
 * show what ingestion is doing.
 *
 * Revision ID: ef8c9c0f7bd5
 * Revises: c6b1d8f2a9e3
 */
import type { MigrationContext } from '@meshview/migrate';

export const revision = 'ef8c9c0f7bd5';
export const down_revision = 'c6b1d8f2a9e3';
export const message = 'add writer_stats';
export const create_date = '2026-11-26';

// Written the way packages/db renders a table (SQLAlchemy's layout), so that a model of this
// table matches it text for text; the same statement on both databases.
const CREATE_WRITER_STATS = `CREATE TABLE writer_stats (\n\t${[
  'writer_id VARCHAR NOT NULL',
  'started_us BIGINT NOT NULL',
  'updated_us BIGINT NOT NULL',
  'received BIGINT NOT NULL',
  'stored BIGINT NOT NULL',
  'duplicates BIGINT NOT NULL',
  'undecryptable BIGINT NOT NULL',
  'malformed BIGINT NOT NULL',
  'skipped BIGINT NOT NULL',
  'rate_limited BIGINT NOT NULL',
  'dropped BIGINT NOT NULL',
  'reconnects BIGINT NOT NULL',
  'PRIMARY KEY (writer_id)',
].join(', \n\t')}\n)`;

export async function upgrade(ctx: MigrationContext): Promise<void> {
  await ctx.execute(CREATE_WRITER_STATS);
}

export async function downgrade(ctx: MigrationContext): Promise<void> {
  await ctx.execute('DROP TABLE writer_stats');
}
