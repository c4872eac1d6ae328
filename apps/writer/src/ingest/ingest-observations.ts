/** One written batch: how many records, and the seconds its transaction took. */
export type BatchObservation = readonly [size: number, seconds: number];

/** Observations kept between two reports; beyond this many batches the oldest are let go. */
const MAX_BATCHES = 10_000;

/**
 * What the ingest thread saw besides its counters, for the writer's metrics: each batch written
 * (its size and commit time) and when the last message arrived. The thread hands them to the
 * main thread with its counters, every second.
 */
export class IngestObservations {
  #batches: BatchObservation[] = [];
  #lastMessageAt: number | null = null;

  /** A message arrived at `now` (ms since the epoch). */
  message(now: number): void {
    this.#lastMessageAt = now;
  }

  /** A batch of `size` records was committed in `seconds`. */
  batch(size: number, seconds: number): void {
    if (this.#batches.length >= MAX_BATCHES) this.#batches.shift();
    this.#batches.push([size, seconds]);
  }

  /** The batches since the previous call, and the last message's time (null: none yet). */
  take(): { batches: BatchObservation[]; lastMessageAt: number | null } {
    const batches = this.#batches;
    this.#batches = [];
    return { batches, lastMessageAt: this.#lastMessageAt };
  }
}
