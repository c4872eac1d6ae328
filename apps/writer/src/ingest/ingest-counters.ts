import type { Selectable } from 'kysely';
import { WRITER_COUNTERS, type Database, type WriterCounter } from '@meshview/db';

/** A writer counter's name: a counter column of `writer_stats`. */
export type CounterName = WriterCounter;

/** The writer's counters, as logged every minute and written to `writer_stats`. */
export type CounterValues = Pick<Selectable<Database['writer_stats']>, CounterName>;

const ZERO = Object.freeze(
  Object.fromEntries(WRITER_COUNTERS.map((name) => [name, 0])) as CounterValues,
);

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
      WRITER_COUNTERS.map((k) => [
        k,
        Math.round(((totals[k] - this.#last[k]) / seconds) * 10) / 10,
      ]),
    ) as Record<CounterName, number>;
    this.#last = totals;
    this.#lastAt = now;
    return { totals, perSecond };
  }
}
