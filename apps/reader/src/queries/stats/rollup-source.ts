import { sql, type RawBuilder } from 'kysely';
import { rollupTable as rollupOf, type RollupFamily, type RollupGranularity } from '@meshview/db';
import type { WindowSegment } from './stats-window.js';

/** What the statistics can be filtered by (all optional); `channel` matches in any case. */
export interface StatsFilter {
  readonly channel?: string | undefined;
  readonly portnum?: number | undefined;
  readonly fromNode?: number | undefined;
  readonly toNode?: number | undefined;
}

/**
 * The roll-up that answers `filter` from the fewest rows: by sender when a sender is given (its
 * key starts with the sender), else by recipient when a recipient is given, else mesh-wide.
 */
export function familyFor(filter: StatsFilter): RollupFamily {
  if (filter.fromNode !== undefined) return 'stats_sender';
  if (filter.toNode !== undefined) return 'stats_recipient';
  return 'stats';
}

/** The roll-up table of `family` and `granularity` (a fixed name, never user text). */
export const rollupTable = (
  family: RollupFamily,
  granularity: RollupGranularity,
): RawBuilder<unknown> => sql.raw(rollupOf(family, granularity).table);

/** The WHERE conditions of `filter` on a roll-up table, bucket range excluded. */
export function filterConditions(filter: StatsFilter): RawBuilder<unknown>[] {
  const conditions: RawBuilder<unknown>[] = [];
  if (filter.fromNode !== undefined) conditions.push(sql`from_node_id = ${filter.fromNode}`);
  if (filter.toNode !== undefined) conditions.push(sql`to_node_id = ${filter.toNode}`);
  if (filter.channel !== undefined) {
    conditions.push(sql`lower(channel) = ${filter.channel.toLowerCase()}`);
  }
  if (filter.portnum !== undefined) conditions.push(sql`portnum = ${filter.portnum}`);
  return conditions;
}

/** `bucket_us >= from [AND bucket_us < to]`. */
export function bucketRange(fromUs: number, toUs: number | null): RawBuilder<unknown> {
  return toUs === null
    ? sql`bucket_us >= ${fromUs}`
    : sql`bucket_us >= ${fromUs} AND bucket_us < ${toUs}`;
}

/**
 * The rows of `family` matching `filter` in every segment of a window, as one
 * `SELECT … UNION ALL SELECT …` of `columns` (to wrap in an outer aggregate).
 */
export function segmentRows(
  family: RollupFamily,
  segments: readonly WindowSegment[],
  filter: StatsFilter,
  columns: RawBuilder<unknown>,
): RawBuilder<unknown> {
  const parts = segments.map((segment) => {
    const where = [bucketRange(segment.fromUs, segment.toUs), ...filterConditions(filter)];
    return sql`SELECT ${columns} FROM ${rollupTable(family, segment.granularity)} WHERE ${sql.join(where, sql` AND `)}`;
  });
  return sql.join(parts, sql` UNION ALL `);
}
