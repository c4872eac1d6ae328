/**
 * Gives MeshView-made databases the index `idx_traceroute_packet_id`, which MeshView's models
 * declare but none of its revisions creates (only `create_all` makes it), so that every database
 * at head matches the models (`meshview-migrate check`). Databases that already have it (ours,
 * and MeshView's made with `create_all`) are left as they are.
 *
 * Revision ID: 73c4d67fbfe1
 * Revises: ef8c9c0f7bd5
 */
import type { MigrationContext } from '@meshview/migrate';

export const revision = '73c4d67fbfe1';
export const down_revision = 'ef8c9c0f7bd5';
export const message = 'index traceroute.packet_id on MeshView-made databases too';
export const create_date = '2026-11-26';

// The same statement on both databases.
export async function upgrade(ctx: MigrationContext): Promise<void> {
  await ctx.execute(
    'CREATE INDEX IF NOT EXISTS idx_traceroute_packet_id ON traceroute (packet_id)',
  );
}

// Back at MeshView's revisions the database is as MeshView's own chain leaves it: without the
// index (MeshView 3.0.5 works with or without it). Only an index goes; no row is touched.
export async function downgrade(ctx: MigrationContext): Promise<void> {
  await ctx.execute('DROP INDEX IF EXISTS idx_traceroute_packet_id');
}
