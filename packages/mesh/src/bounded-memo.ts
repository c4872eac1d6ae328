/**
 * `fn` with its results kept by argument, at most `max` of them (all are dropped when full, so
 * a stream of ever new arguments costs memory only up to the bound). For the ingest path's
 * per-message work on values that repeat with every message of a gateway or a channel: topics,
 * gateway ids. `fn` must be pure.
 */
export function boundedMemo<K, V>(fn: (key: K) => V, max: number): (key: K) => V {
  const kept = new Map<K, V>();
  return (key: K): V => {
    let value = kept.get(key);
    if (value === undefined && !kept.has(key)) {
      value = fn(key);
      if (kept.size >= max) kept.clear();
      kept.set(key, value);
    }
    return value as V;
  };
}
