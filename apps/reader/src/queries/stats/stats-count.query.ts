import { sql, type Kysely } from 'kysely';
import type { Database } from '@meshview/db';
import { familyFor, segmentRows, type StatsFilter } from './rollup-source.js';
import { windowSegments } from './stats-window.js';

/** `/api/stats/count`'s answer. */
export interface StatsCount {
  readonly total_packets: number;
  readonly total_seen: number;
}

/**
 * Every packet and reception the roll-ups hold: the daily buckets' sums (a few rows a day),
 * never a count of `packet` or `packet_seen`.
 */
export async function allTimeCount(db: Kysely<Database>): Promise<StatsCount> {
  const { rows } = await allTimeCountQuery().execute(db);
  return { total_packets: Number(rows[0]?.packets ?? 0), total_seen: Number(rows[0]?.seen ?? 0) };
}

/** `allTimeCount`'s statement. */
export const allTimeCountQuery = () =>
  sql<{ packets: number | string | null; seen: number | string | null }>`
    SELECT sum(packets) AS packets, sum(seen) AS seen FROM stats_daily`;

/**
 * Packets imported from `startUs` (a whole hour) on that match `filter`, and receptions imported
 * from then on of packets that match it.
 */
export async function windowCount(
  db: Kysely<Database>,
  props: WindowCountProps,
): Promise<StatsCount> {
  const result = await windowCountQuery(props).execute(db);
  const row = result.rows[0];
  return { total_packets: Number(row?.packets ?? 0), total_seen: Number(row?.seen ?? 0) };
}

/** What `windowCount` reads. */
export interface WindowCountProps {
  readonly startUs: number;
  readonly nowUs: number;
  readonly filter: StatsFilter;
}

/** `windowCount`'s statement. */
export function windowCountQuery(props: WindowCountProps) {
  const { startUs, nowUs, filter } = props;
  const rows = segmentRows(
    familyFor(filter),
    windowSegments(startUs, nowUs),
    filter,
    sql`packets, seen`,
  );
  return sql<{ packets: number | string | null; seen: number | string | null }>`
    SELECT sum(packets) AS packets, sum(seen) AS seen FROM (${rows}) AS w`;
}

/** How many gateways reported packet `packetId` (`packet_seen` by its packet index). */
export async function receptionsOf(db: Kysely<Database>, packetId: number): Promise<number> {
  const { rows } = await receptionsOfQuery(packetId).execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** `receptionsOf`'s statement. */
export const receptionsOfQuery = (packetId: number) =>
  sql<{ n: number | string }>`SELECT count(*) AS n FROM packet_seen WHERE packet_id = ${packetId}`;
