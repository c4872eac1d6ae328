import type { Kysely, Selectable } from 'kysely';
import type { Database } from '@meshview/db';

/** One day of `/api/snapshots/daily`: a `daily_snapshot` row, its date named `date`. */
export type DailySnapshotRow = Readonly<
  Omit<Selectable<Database['daily_snapshot']>, 'snapshot_date'> & { date: string }
>;

/** The latest `days` daily snapshots, oldest first (`daily_snapshot`'s primary key, backwards). */
export async function latestSnapshots(
  db: Kysely<Database>,
  days: number,
): Promise<DailySnapshotRow[]> {
  const rows = await latestSnapshotsQuery(db, days).execute();
  return rows.reverse().map((r) => ({
    date: String(r.snapshot_date).slice(0, 10),
    node_count: Number(r.node_count),
    packet_count: Number(r.packet_count),
    gateway_count: Number(r.gateway_count),
    captured_at_us: Number(r.captured_at_us),
  }));
}

/** `latestSnapshots`'s statement. */
export const latestSnapshotsQuery = (db: Kysely<Database>, days: number) =>
  db.selectFrom('daily_snapshot').selectAll().orderBy('snapshot_date', 'desc').limit(days);
