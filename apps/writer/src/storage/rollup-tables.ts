/** A column of a roll-up's key. */
export type RollupKeyColumn = 'bucket_us' | 'from_node_id' | 'to_node_id' | 'channel' | 'portnum';

/** One statistics roll-up table (migration b7d9f1a3c5e8): its key and its bucket's length. */
export interface RollupTable {
  readonly table: string;
  /** The primary key, in column order: what an upsert conflicts on. */
  readonly key: readonly RollupKeyColumn[];
  readonly bucketUs: number;
}

export const HOUR_US = 3_600_000_000;
export const DAY_US = 86_400_000_000;
/** The shortest bucket; every table's bucket is a whole number of them. */
export const FINEST_BUCKET_US = HOUR_US;

const SENDER: readonly RollupKeyColumn[] = [
  'from_node_id',
  'bucket_us',
  'to_node_id',
  'channel',
  'portnum',
];
const RECIPIENT: readonly RollupKeyColumn[] = ['to_node_id', 'bucket_us', 'channel', 'portnum'];
const MESH: readonly RollupKeyColumn[] = ['bucket_us', 'channel', 'portnum'];

/** The six roll-ups the writer keeps: mesh-wide, by sender and by recipient, hourly and daily. */
export const ROLLUP_TABLES: readonly RollupTable[] = [
  { table: 'stats_hourly', key: MESH, bucketUs: HOUR_US },
  { table: 'stats_daily', key: MESH, bucketUs: DAY_US },
  { table: 'stats_sender_hourly', key: SENDER, bucketUs: HOUR_US },
  { table: 'stats_sender_daily', key: SENDER, bucketUs: DAY_US },
  { table: 'stats_recipient_hourly', key: RECIPIENT, bucketUs: HOUR_US },
  { table: 'stats_recipient_daily', key: RECIPIENT, bucketUs: DAY_US },
];
