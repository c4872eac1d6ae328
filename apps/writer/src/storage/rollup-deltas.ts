import { ROLLUP_TABLES, type RollupKeyColumn, type RollupTable } from '@meshview/db';

/**
 * One thing to count: a packet (`packets: 1`) or a reception (`seen: 1`), at its own import
 * time, under its packet's channel, port, sender and recipient. Negative counts take away (the
 * retention job's receptions deleted with their packet).
 */
export interface RollupFact {
  readonly timeUs: number;
  readonly channel: string | null;
  readonly portnum: number | null;
  readonly from: number | null;
  readonly to: number | null;
  readonly packets: number;
  readonly seen: number;
}

/** One roll-up row's change: its key values in key order, and what to add to its counts. */
export interface RollupDelta {
  readonly key: readonly (number | string)[];
  readonly packets: number;
  readonly seen: number;
}

/** The changes to every roll-up table, by table. */
export type RollupDeltas = ReadonlyMap<RollupTable, readonly RollupDelta[]>;

/**
 * Sums `facts` into each roll-up's rows (pure). A NULL key value becomes `''` (channel) or -1
 * (the others), as in the migration that back-fills the roll-ups.
 *
 * @example rollupDeltas([{ timeUs, channel: 'LongFast', portnum: 1, from, to, packets: 1, seen: 0 }])
 */
export function rollupDeltas(
  facts: readonly RollupFact[],
  tables: readonly RollupTable[] = ROLLUP_TABLES,
): RollupDeltas {
  const deltas = new Map<RollupTable, readonly RollupDelta[]>();
  if (facts.length === 0) return deltas;
  for (const table of tables) {
    const rows = new Map<string, { key: (number | string)[]; packets: number; seen: number }>();
    for (const fact of facts) {
      const key = table.key.map((column) => keyValue(column, fact, table.bucketUs));
      const id = key.join('\u0000');
      const row = rows.get(id);
      if (row === undefined) rows.set(id, { key, packets: fact.packets, seen: fact.seen });
      else {
        row.packets += fact.packets;
        row.seen += fact.seen;
      }
    }
    deltas.set(table, [...rows.values()]);
  }
  return deltas;
}

function keyValue(column: RollupKeyColumn, fact: RollupFact, bucketUs: number): number | string {
  switch (column) {
    case 'bucket_us':
      return Math.floor(fact.timeUs / bucketUs) * bucketUs;
    case 'channel':
      return fact.channel ?? '';
    case 'portnum':
      return fact.portnum ?? -1;
    case 'from_node_id':
      return fact.from ?? -1;
    case 'to_node_id':
      return fact.to ?? -1;
  }
}
