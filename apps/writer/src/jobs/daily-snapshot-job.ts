import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { Database } from '@meshview/db';
import type { JobContext } from './job-context.js';

/** One day's counts, as written to `daily_snapshot`; the date is the UTC one (as MeshView takes it). */
export type DailySnapshot = Readonly<Selectable<Database['daily_snapshot']>>;

/**
 * Counts nodes, packets and MQTT gateways and upserts today's `daily_snapshot` row (a second
 * run the same day replaces the counts), as MeshView 3.0.6's `capture_daily_snapshot`.
 */
export async function takeDailySnapshot({ db, logger, now }: JobContext): Promise<DailySnapshot> {
  const at = now();
  const count = async (query: RawBuilder<{ n: number }>): Promise<number> =>
    Number((await query.execute(db)).rows[0]?.n ?? 0);
  const counts = {
    node_count: await count(sql`SELECT count(*) AS n FROM node`),
    packet_count: await count(sql`SELECT count(*) AS n FROM packet`),
    gateway_count: await count(sql`SELECT count(*) AS n FROM node WHERE is_mqtt_gateway = TRUE`),
    captured_at_us: at.getTime() * 1000,
  };
  const snapshot: DailySnapshot = { snapshot_date: at.toISOString().slice(0, 10), ...counts };
  await db
    .insertInto('daily_snapshot')
    .values(snapshot)
    .onConflict((oc) => oc.column('snapshot_date').doUpdateSet(counts))
    .execute();
  logger.info({ ...snapshot }, 'daily snapshot captured');
  return snapshot;
}
