/**
 * An index for the packet list filtered by channel and port at once (`/api/packets?channel=&
 * portnum=`, the chat page on one channel). With only the port's and the channel's indexes, such a
 * query reads the newest rows of one and drops those the other column rules out: for a port rarely
 * sent on that channel, that is every row of the port, up to 112 ms on PostgreSQL in the reader
 * benchmark where the list otherwise answers in a few milliseconds. This index reads the newest
 * rows of the pair directly.
 *
 * Revision ID: c507809efd55
 * Revises: 69e00a3c10ef
 */
import type { MigrationContext } from '@meshview/migrate';

export const revision = 'c507809efd55';
export const down_revision = '69e00a3c10ef';
export const message = 'packet index by channel and port';
export const create_date = '2026-12-08';

export async function upgrade(ctx: MigrationContext): Promise<void> {
  // Written as packages/db renders an index, so the models' DDL matches this text for text.
  await ctx.execute(
    'CREATE INDEX idx_packet_channel_portnum_time_us ON packet (channel, portnum, import_time_us DESC)',
  );
}

export async function downgrade(ctx: MigrationContext): Promise<void> {
  await ctx.execute('DROP INDEX idx_packet_channel_portnum_time_us');
}
