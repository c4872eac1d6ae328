/**
 * How precise each node's last position is: `node.precision_bits`, the top bits of
 * `last_lat`/`last_long` the node kept (Meshtastic's `Position.precision_bits`; 32 is full
 * precision), so maps can draw a reduced-precision position as the area it stands for. Null for
 * rows stored before this revision (unknown).
 *
 * Revision ID: 69e00a3c10ef
 * Revises: b7d9f1a3c5e8
 */
import type { MigrationContext } from '@meshview/migrate';

export const revision = '69e00a3c10ef';
export const down_revision = 'b7d9f1a3c5e8';
export const message = 'add node precision_bits';
export const create_date = '2026-12-06';

export async function upgrade(ctx: MigrationContext): Promise<void> {
  await ctx.op.addColumn('node', {
    name: 'precision_bits',
    type: { kind: 'integer' },
    nullable: true,
    primaryKey: false,
    autoincrement: false,
    unique: false,
    serverDefault: null,
  });
}

export async function downgrade(ctx: MigrationContext): Promise<void> {
  await ctx.op.dropColumn('node', 'precision_bits');
}
