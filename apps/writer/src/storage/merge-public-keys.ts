import type { PublicKeyRow } from '@meshview/mesh';

/** One (node, key) pair's sightings of a batch. */
export interface MergedPublicKey {
  readonly node_id: number;
  readonly public_key: string;
  readonly first_seen_us: number;
  readonly last_seen_us: number;
}

/** Folds a batch's public key sightings into one per (node_id, public_key). */
export function mergePublicKeys(rows: Iterable<PublicKeyRow>): MergedPublicKey[] {
  const merged = new Map<string, MergedPublicKey>();
  for (const row of rows) {
    const key = `${row.node_id}:${row.public_key}`;
    const seen = merged.get(key);
    merged.set(key, {
      node_id: row.node_id,
      public_key: row.public_key,
      first_seen_us: Math.min(seen?.first_seen_us ?? row.seen_us, row.seen_us),
      last_seen_us: Math.max(seen?.last_seen_us ?? row.seen_us, row.seen_us),
    });
  }
  return [...merged.values()];
}
