import { sql, type Kysely } from 'kysely';
import type { Database } from '@meshview/db';
import { segmentRows } from './rollup-source.js';
import { windowSegments } from './stats-window.js';

/**
 * The channels of the packets imported from `startUs` (a whole hour) on, sorted by code point;
 * a packet stored without a channel (kept as `''` in the roll-ups) names none.
 */
export async function channelsSince(db: Kysely<Database>, props: ChannelsProps): Promise<string[]> {
  const result = await channelsQuery(props).execute(db);
  // Sorted here: PostgreSQL's ORDER BY follows the database's collation, SQLite's the bytes.
  return result.rows.map((r) => r.channel).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** What `channelsSince` reads. */
export interface ChannelsProps {
  readonly startUs: number;
  readonly nowUs: number;
}

/** `channelsSince`'s statement. */
export function channelsQuery(props: ChannelsProps) {
  const rows = segmentRows(
    'stats',
    windowSegments(props.startUs, props.nowUs),
    {},
    sql`channel, packets`,
  );
  return sql<{ channel: string }>`
    SELECT DISTINCT channel FROM (${rows}) AS w WHERE packets > 0 AND channel <> ''`;
}
