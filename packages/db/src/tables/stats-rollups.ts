import { column, defineTable, type TableDefinition } from '@meshview/schema';
import { DAY_US, HOUR_US } from './time-units.js';

/**
 * The columns of the statistics roll-ups: a key column each of the bucket's start (µs, a whole
 * hour or a whole UTC day), the packet's sender, recipient, channel and port, and the two counts.
 *
 * A bucket key holds no NULL (a primary key cannot, and the writer's upserts key on it): a
 * packet's NULL channel is kept as `''`, a NULL port or node as -1. Only MeshView-era rows have
 * such NULLs; our writer never stores them.
 */
const rollupColumns = {
  bucket_us: () => column.bigInteger().primaryKey(),
  from_node_id: () => column.bigInteger().primaryKey(),
  to_node_id: () => column.bigInteger().primaryKey(),
  channel: () => column.string().primaryKey(),
  portnum: () => column.integer().primaryKey(),
  /** Packets imported in the bucket (by `packet.import_time_us`). */
  packets: () => column.bigInteger().notNull(),
  /** Receptions (`packet_seen` rows) imported in the bucket, counted under their packet's keys. */
  seen: () => column.bigInteger().notNull(),
};

/** A column of a roll-up's key. */
export type RollupKeyColumn = Exclude<keyof typeof rollupColumns, 'packets' | 'seen'>;

/**
 * The roll-up families, each kept hourly and daily, by name prefix: the key (the primary key, in
 * column order) and whether the table is also indexed by bucket.
 */
const FAMILIES = {
  /** Packets and receptions per bucket, channel and port: the mesh-wide statistics. */
  stats: { key: ['bucket_us', 'channel', 'portnum'], bucketIndex: false },
  /**
   * Per sender, bucket, recipient, channel and port: the statistics filtered by sender, and the
   * top senders (which read a window's buckets across senders, hence the bucket index).
   */
  stats_sender: {
    key: ['from_node_id', 'bucket_us', 'to_node_id', 'channel', 'portnum'],
    bucketIndex: true,
  },
  /** Per recipient, bucket, channel and port: the statistics filtered by recipient, broadcast included. */
  stats_recipient: { key: ['to_node_id', 'bucket_us', 'channel', 'portnum'], bucketIndex: false },
} as const satisfies Record<
  string,
  { readonly key: readonly RollupKeyColumn[]; readonly bucketIndex: boolean }
>;

/** A roll-up family: `stats` (mesh-wide), `stats_sender` or `stats_recipient`. */
export type RollupFamily = keyof typeof FAMILIES;

/** The bucket length of a roll-up table, as its name's suffix says it. */
export type RollupGranularity = 'hourly' | 'daily';

const BUCKET_US: Readonly<Record<RollupGranularity, number>> = { hourly: HOUR_US, daily: DAY_US };

/** The shortest bucket; every roll-up's bucket is a whole number of them. */
export const FINEST_BUCKET_US = HOUR_US;

type FamilyColumns<F extends RollupFamily> = {
  [C in (typeof FAMILIES)[F]['key'][number] | 'packets' | 'seen']: ReturnType<
    (typeof rollupColumns)[C]
  >;
};

/** One statistics roll-up table: what the writer and the reader need of it, and its model. */
export interface RollupTable<
  F extends RollupFamily = RollupFamily,
  G extends RollupGranularity = RollupGranularity,
  D extends TableDefinition<`${F}_${G}`> = TableDefinition<`${F}_${G}`>,
> {
  /** The table's name, `<family>_<granularity>`. */
  readonly table: `${F}_${G}`;
  readonly family: F;
  readonly granularity: G;
  /** The primary key, in column order: what an upsert conflicts on. */
  readonly key: readonly RollupKeyColumn[];
  readonly bucketUs: number;
  /** The table's model. */
  readonly definition: D;
}

function defineRollupTable<F extends RollupFamily, G extends RollupGranularity>(
  family: F,
  granularity: G,
) {
  const name: `${F}_${G}` = `${family}_${granularity}`;
  const { key, bucketIndex } = FAMILIES[family];
  const columns = Object.fromEntries(
    [...key, 'packets' as const, 'seen' as const].map((c) => [c, rollupColumns[c]()]),
  ) as FamilyColumns<F>;
  return defineTable(name, columns, {
    indexes: bucketIndex ? [{ name: `idx_${name}_bucket_us`, columns: ['bucket_us'] }] : [],
  });
}

function defineRollup<F extends RollupFamily, G extends RollupGranularity>(
  family: F,
  granularity: G,
): RollupTable<F, G, ReturnType<typeof defineRollupTable<F, G>>> {
  const definition = defineRollupTable(family, granularity);
  return Object.freeze({
    table: definition.name,
    family,
    granularity,
    key: FAMILIES[family].key,
    bucketUs: BUCKET_US[granularity],
    definition,
  });
}

const rollups = [
  defineRollup('stats', 'hourly'),
  defineRollup('stats', 'daily'),
  defineRollup('stats_sender', 'hourly'),
  defineRollup('stats_sender', 'daily'),
  defineRollup('stats_recipient', 'hourly'),
  defineRollup('stats_recipient', 'daily'),
] as const;

/**
 * The six statistics roll-ups the writer keeps (migration b7d9f1a3c5e8): mesh-wide, by sender
 * and by recipient, each hourly and daily; the writer adds to all of them in this order.
 */
export const ROLLUP_TABLES: readonly RollupTable[] = Object.freeze(rollups);

/** The roll-ups' table models, by name: part of `tables`. */
export const rollupTableDefinitions = Object.freeze(
  Object.fromEntries(rollups.map((r) => [r.table, r.definition])),
) as { readonly [R in (typeof rollups)[number] as R['table']]: R['definition'] };

/**
 * The roll-up of `family` and `granularity`.
 *
 * @example rollupTable('stats_sender', 'daily').table // 'stats_sender_daily'
 */
export function rollupTable<F extends RollupFamily, G extends RollupGranularity>(
  family: F,
  granularity: G,
): RollupTable<F, G> {
  const found = ROLLUP_TABLES.find((r) => r.family === family && r.granularity === granularity);
  return found as RollupTable<F, G>;
}
