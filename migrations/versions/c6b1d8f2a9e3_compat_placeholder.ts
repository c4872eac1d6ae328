/**
 * MeshView 3.0.6's no-op placeholder. It keeps the id of a withdrawn revision
 * (c6b1d8f2a9e3_add_relay_node_to_packet_seen) so that databases stamped with it still resolve.
 *
 * Revision ID: c6b1d8f2a9e3
 * Revises: 4f1d2a9c8b71
 */
import type { MigrationContext } from '@meshview/migrate';

export const revision = 'c6b1d8f2a9e3';
export const down_revision = '4f1d2a9c8b71';
export const message = 'compat placeholder (no-op)';
export const create_date = '2026-03-02';

export async function upgrade(_ctx: MigrationContext): Promise<void> {
  // Nothing to do: the revision exists only so that its id resolves.
}

export async function downgrade(_ctx: MigrationContext): Promise<void> {
  // Nothing to undo.
}
