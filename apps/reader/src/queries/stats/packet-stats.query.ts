import { sql, type Kysely } from 'kysely';
import type { Database } from '@meshview/db';
import {
  bucketRange,
  familyFor,
  filterConditions,
  rollupTable,
  type StatsFilter,
} from './rollup-source.js';
import { bucketLabel, chartStartUs, granularityOf, type PeriodType } from './stats-window.js';

/**
 * One bar of `/api/stats`: a bucket's label and how many packets were imported in it; grouped,
 * one per bucket and port (with the port) or per bucket and channel (with the channel, `null`
 * for packets stored without one).
 */
export interface PeriodCount {
  readonly period: string;
  readonly count: number;
  readonly portnum?: number;
  readonly channel?: string | null;
}

/** What `/api/stats` can split each period by (`group_by`). */
export type StatsGroup = 'portnum' | 'channel';

/**
 * Packets per hour or per UTC day from the bucket holding `now − length periods` on, matching
 * `filter`; only buckets with packets, oldest first (MeshView's GROUP BY). Reads the roll-up
 * whose key starts with the filter's node, so at most `length + 1` buckets × its channels and
 * ports.
 */
export async function packetStats(
  db: Kysely<Database>,
  props: PacketStatsProps,
): Promise<PeriodCount[]> {
  const { rows } = await packetStatsQuery(props).execute(db);
  if (props.groupBy === 'channel') {
    // Sorted here: PostgreSQL's ORDER BY follows the database's collation, SQLite's the bytes.
    const byChannel = rows
      .map((r) => ({ bucketUs: Number(r.bucket_us), channel: String(r.channel), count: r.count }))
      .sort((a, b) => a.bucketUs - b.bucketUs || codePointOrder(a.channel, b.channel));
    return byChannel.map((r) => ({
      period: bucketLabel(r.bucketUs, props.period),
      count: Number(r.count),
      // The roll-ups keep a packet without a channel under ''.
      channel: r.channel === '' ? null : r.channel,
    }));
  }
  return rows.map((r) => ({
    period: bucketLabel(Number(r.bucket_us), props.period),
    count: Number(r.count),
    ...(props.groupBy === 'portnum' ? { portnum: Number(r.portnum) } : {}),
  }));
}

const codePointOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** What `packetStats` reads. */
export interface PacketStatsProps {
  readonly nowUs: number;
  readonly period: PeriodType;
  readonly length: number;
  readonly filter: StatsFilter;
  /**
   * One count per bucket and port number (`group_by=portnum`, ports in ascending order) or per
   * bucket and channel (`group_by=channel`, channels by code point).
   */
  readonly groupBy?: StatsGroup | undefined;
}

/** `packetStats`'s statement. */
export function packetStatsQuery(props: PacketStatsProps) {
  const { nowUs, period, length, filter, groupBy } = props;
  const table = rollupTable(familyFor(filter), granularityOf(period));
  const where = [
    ...filterConditions(filter),
    bucketRange(chartStartUs(nowUs, period, length), null),
  ];
  type Row = { bucket_us: number | string; count: number | string };
  if (groupBy === 'channel') {
    return sql<Row & { portnum?: undefined; channel: string }>`
      SELECT bucket_us, channel, sum(packets) AS count FROM ${table}
      WHERE ${sql.join(where, sql` AND `)}
      GROUP BY bucket_us, channel HAVING sum(packets) > 0 ORDER BY bucket_us`;
  }
  if (groupBy === 'portnum') {
    return sql<Row & { portnum: number | string; channel?: undefined }>`
      SELECT bucket_us, portnum, sum(packets) AS count FROM ${table}
      WHERE ${sql.join(where, sql` AND `)}
      GROUP BY bucket_us, portnum HAVING sum(packets) > 0 ORDER BY bucket_us, portnum`;
  }
  return sql<Row & { portnum?: undefined; channel?: undefined }>`
    SELECT bucket_us, sum(packets) AS count FROM ${table} WHERE ${sql.join(where, sql` AND `)}
    GROUP BY bucket_us HAVING sum(packets) > 0 ORDER BY bucket_us`;
}

/**
 * What `/api/stats?node=` answers: packets sent by `node` and packets addressed to it, over the
 * buckets `packetStats` would chart.
 */
export async function nodeTraffic(
  db: Kysely<Database>,
  props: NodeTrafficProps,
): Promise<{ sent: number; seen: number }> {
  const { rows } = await nodeTrafficQuery(props).execute(db);
  return { sent: Number(rows[0]?.sent ?? 0), seen: Number(rows[0]?.seen ?? 0) };
}

/** What `nodeTraffic` reads. */
export interface NodeTrafficProps {
  readonly nowUs: number;
  readonly period: PeriodType;
  readonly length: number;
  readonly node: number;
}

/** `nodeTraffic`'s statement. */
export function nodeTrafficQuery(props: NodeTrafficProps) {
  const { nowUs, period, length, node } = props;
  const granularity = granularityOf(period);
  const from = bucketRange(chartStartUs(nowUs, period, length), null);
  return sql<{ sent: number | string | null; seen: number | string | null }>`
    SELECT
      (SELECT sum(packets) FROM ${rollupTable('stats_sender', granularity)}
        WHERE from_node_id = ${node} AND ${from}) AS sent,
      (SELECT sum(packets) FROM ${rollupTable('stats_recipient', granularity)}
        WHERE to_node_id = ${node} AND ${from}) AS seen`;
}
