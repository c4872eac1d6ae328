/** How a Batcher groups items and how much it holds before it pushes back. */
export interface BatcherOptions<T> {
  /** Flush as soon as this many items wait. */
  readonly maxBatch: number;
  /** Flush once the oldest waiting item is this old. */
  readonly maxAgeMs: number;
  /** Items held at most (waiting plus in flight); `push` makes callers wait beyond it. */
  readonly maxPending: number;
  /** Writes one batch; at most one runs at a time. Must not reject (handle errors inside). */
  readonly flush: (items: T[]) => Promise<void>;
}

/**
 * Groups items into batches flushed by count or age, one flush at a time, with back-pressure:
 * while `maxPending` items are held, `push` returns a promise that resolves once a flush made
 * room. What it holds is what a crash can lose: at most `maxPending` items.
 */
export class Batcher<T> {
  readonly #options: BatcherOptions<T>;
  #open: T[] = [];
  #openedAt = 0;
  #inFlight: Promise<void> | undefined;
  #inFlightCount = 0;
  #timer: NodeJS.Timeout | undefined;
  #waiters: (() => void)[] = [];

  constructor(options: BatcherOptions<T>) {
    this.#options = options;
  }

  /** Items held: waiting plus in flight. */
  get pending(): number {
    return this.#open.length + this.#inFlightCount;
  }

  /** Adds an item; returns a promise when the caller must wait for room, undefined otherwise. */
  push(item: T): Promise<void> | undefined {
    if (this.#open.length === 0) this.#openedAt = Date.now();
    this.#open.push(item);
    if (this.#open.length >= this.#options.maxBatch) this.#flushSoon(0);
    else this.#flushSoon(this.#options.maxAgeMs);
    if (this.pending < this.#options.maxPending) return undefined;
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Flushes everything held and waits until it is written. */
  async drain(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#inFlight || this.#open.length > 0) {
      if (this.#inFlight) await this.#inFlight;
      else this.#flush();
    }
  }

  #flushSoon(delayMs: number): void {
    if (this.#inFlight) return; // the running flush looks again when it ends
    if (delayMs === 0) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#flush();
      return;
    }
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#flush();
    }, delayMs);
  }

  #flush(): void {
    if (this.#inFlight || this.#open.length === 0) return;
    const batch = this.#open;
    this.#open = [];
    this.#inFlightCount = batch.length;
    this.#inFlight = this.#options.flush(batch).finally(() => {
      this.#inFlight = undefined;
      this.#inFlightCount = 0;
      this.#release();
      if (this.#open.length === 0) return;
      const age = Date.now() - this.#openedAt;
      if (this.#open.length >= this.#options.maxBatch || age >= this.#options.maxAgeMs) {
        this.#flush();
      } else {
        this.#flushSoon(this.#options.maxAgeMs - age);
      }
    });
  }

  #release(): void {
    while (this.#waiters.length > 0 && this.pending < this.#options.maxPending) {
      this.#waiters.shift()!();
    }
  }
}
