/** What a {@link TtlCache} is built with. */
export interface TtlCacheProps {
  /** How long an entry is served after it was computed. */
  readonly ttlMs: number;
  /** Entries kept at most; the oldest goes first. */
  readonly maxEntries: number;
  /** The clock, in ms (injectable for tests). */
  readonly now?: () => number;
}

/**
 * A small time-boxed cache of computed answers, keyed by text. Concurrent misses on one key
 * share one computation; a failed computation is not kept.
 *
 * @example
 * const cache = new TtlCache<Ranking>({ ttlMs: 10_000, maxEntries: 256 });
 * const ranking = await cache.get(`day:1:${channel}`, () => rank(db, channel));
 */
export class TtlCache<V> {
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, { readonly at: number; readonly value: Promise<V> }>();

  constructor(props: TtlCacheProps) {
    this.#ttlMs = props.ttlMs;
    this.#maxEntries = props.maxEntries;
    this.#now = props.now ?? Date.now;
  }

  /** The cached value of `key`, or `compute()`'s (then cached) when absent or expired. */
  get(key: string, compute: () => Promise<V>): Promise<V> {
    const now = this.#now();
    const entry = this.#entries.get(key);
    if (entry !== undefined && now - entry.at < this.#ttlMs) return entry.value;
    this.#entries.delete(key);
    const value = compute();
    this.#entries.set(key, { at: now, value });
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    while (this.#entries.size > this.#maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    return value;
  }
}
