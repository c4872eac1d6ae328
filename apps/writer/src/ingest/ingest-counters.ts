/** The writer's counters, as logged every minute and written to `writer_stats`. */
export interface CounterValues {
  received: number;
  stored: number;
  duplicates: number;
  undecryptable: number;
  malformed: number;
  skipped: number;
  rateLimited: number;
  dropped: number;
  reconnects: number;
}

export type CounterName = keyof CounterValues;

const ZERO: CounterValues = {
  received: 0,
  stored: 0,
  duplicates: 0,
  undecryptable: 0,
  malformed: 0,
  skipped: 0,
  rateLimited: 0,
  dropped: 0,
  reconnects: 0,
};

/** Counts what the writer received and what became of it. */
export class IngestCounters {
  readonly #values: CounterValues = { ...ZERO };
  #last: CounterValues = { ...ZERO };
  #lastAt: number;

  constructor(now: number = Date.now()) {
    this.#lastAt = now;
  }

  add(name: CounterName, n = 1): void {
    this.#values[name] += n;
  }

  /** Takes over totals counted elsewhere (the ingest thread's), leaving the others as they are. */
  absorb(values: Partial<Readonly<CounterValues>>): void {
    Object.assign(this.#values, values);
  }

  /** The totals so far. */
  snapshot(): Readonly<CounterValues> {
    return { ...this.#values };
  }

  /** The totals and the per-second rates since the previous call, for the periodic log line. */
  sample(now: number = Date.now()): {
    totals: CounterValues;
    perSecond: Record<CounterName, number>;
  } {
    const seconds = Math.max((now - this.#lastAt) / 1000, 0.001);
    const totals = { ...this.#values };
    const perSecond = Object.fromEntries(
      (Object.keys(totals) as CounterName[]).map((k) => [
        k,
        Math.round(((totals[k] - this.#last[k]) / seconds) * 10) / 10,
      ]),
    ) as Record<CounterName, number>;
    this.#last = totals;
    this.#lastAt = now;
    return { totals, perSecond };
  }
}
