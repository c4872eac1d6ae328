/** Told of each lookup: the value was reused (a hit) or computed (a miss). */
export interface CacheCounts {
  hit(): void;
  miss(): void;
}

/** What a {@link TtlCache} is built with. */
export interface TtlCacheProps<V> {
  /** How long an entry is served after it was computed. */
  readonly ttlMs: number;
  /** Entries kept at most; the oldest goes first. */
  readonly maxEntries: number;
  /**
   * With {@link maxWeight}: an entry's weight once computed (e.g. its length in characters);
   * the oldest entries go while the computed ones weigh more than `maxWeight` together.
   */
  readonly weigh?: (value: V) => number;
  readonly maxWeight?: number;
  /** The clock, in ms (injectable for tests). */
  readonly now?: () => number;
  /** Told whether each `get` reused a value or computed it (the reader's metrics). */
  readonly counts?: CacheCounts | undefined;
}

interface Entry<V> {
  readonly at: number;
  readonly value: Promise<V>;
  /** Counted in the total once the value is computed. */
  weight: number;
}

/**
 * A small time-boxed cache of computed answers, keyed by text. Concurrent misses on one key
 * share one computation; a failed computation is not kept. Bounded by a number of entries and,
 * optionally, by their total weight.
 *
 * @example
 * const cache = new TtlCache<Ranking>({ ttlMs: 10_000, maxEntries: 256 });
 * const ranking = await cache.get(`day:1:${channel}`, () => rank(db, channel));
 */
export class TtlCache<V> {
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #weigh: ((value: V) => number) | undefined;
  readonly #maxWeight: number;
  readonly #now: () => number;
  readonly #counts: CacheCounts | undefined;
  readonly #entries = new Map<string, Entry<V>>();
  #weight = 0;

  constructor(props: TtlCacheProps<V>) {
    this.#ttlMs = props.ttlMs;
    this.#maxEntries = props.maxEntries;
    this.#weigh = props.weigh;
    this.#maxWeight = props.maxWeight ?? Infinity;
    this.#now = props.now ?? Date.now;
    this.#counts = props.counts;
  }

  /** The cached value of `key`, or `compute()`'s (then cached) when absent or expired. */
  get(key: string, compute: () => Promise<V>): Promise<V> {
    const now = this.#now();
    const entry = this.#entries.get(key);
    if (entry !== undefined && now - entry.at < this.#ttlMs) {
      this.#counts?.hit();
      return entry.value;
    }
    this.#counts?.miss();
    this.#delete(key);
    const value = compute();
    const added: Entry<V> = { at: now, value, weight: 0 };
    this.#entries.set(key, added);
    value.then(
      (computed) => {
        if (this.#entries.get(key) !== added || this.#weigh === undefined) return;
        added.weight = this.#weigh(computed);
        this.#weight += added.weight;
        while (this.#weight > this.#maxWeight && this.#entries.size > 0) {
          this.#delete(this.#entries.keys().next().value!);
        }
      },
      () => {
        if (this.#entries.get(key) === added) this.#delete(key);
      },
    );
    while (this.#entries.size > this.#maxEntries) {
      this.#delete(this.#entries.keys().next().value!);
    }
    return value;
  }

  /** Entries kept (computed or being computed). */
  get size(): number {
    return this.#entries.size;
  }

  /** The computed entries' total weight. */
  get weight(): number {
    return this.#weight;
  }

  #delete(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#weight -= entry.weight;
    this.#entries.delete(key);
  }
}
