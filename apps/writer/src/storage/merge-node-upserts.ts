import { columnNames } from '@meshview/db';
import type { NodeUpsert } from '@meshview/mesh';

/**
 * The `node` columns an upsert may set, all but its keys, the gateway flag and the seen times;
 * undefined ones keep the stored value.
 */
export const NODE_FIELDS = columnNames('node', [
  'id',
  'node_id',
  'is_mqtt_gateway',
  'first_seen_us',
  'last_seen_us',
]);

type NodeField = (typeof NODE_FIELDS)[number];

/** One node's upserts of a batch folded into one. */
export type MergedNode = { readonly id: string; readonly node_id: number } & {
  readonly [K in NodeField]?: NodeUpsert[K];
} & { readonly first_seen_us: number; readonly last_seen_us: number };

/**
 * Folds a batch's node upserts into one per node number, in order of first appearance: a later
 * upsert's defined fields win, `first_seen_us`/`last_seen_us` are the earliest and latest
 * `seen_us`, and the id is the first upsert's.
 */
export function mergeNodeUpserts(upserts: Iterable<NodeUpsert>): MergedNode[] {
  const merged = new Map<number, Record<string, unknown>>();
  for (const upsert of upserts) {
    let node = merged.get(upsert.node_id);
    if (node === undefined) {
      node = {
        id: upsert.id,
        node_id: upsert.node_id,
        first_seen_us: upsert.seen_us,
        last_seen_us: upsert.seen_us,
      };
      merged.set(upsert.node_id, node);
    } else {
      node.first_seen_us = Math.min(node.first_seen_us as number, upsert.seen_us);
      node.last_seen_us = Math.max(node.last_seen_us as number, upsert.seen_us);
    }
    for (const field of NODE_FIELDS) {
      if (upsert[field] !== undefined) node[field] = upsert[field];
    }
  }
  return [...merged.values()] as MergedNode[];
}
