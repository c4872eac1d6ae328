import type { StreamEvent } from './stream-event.js';

/** How many events, and how many bytes of them, a {@link RecentEvents} keeps at most. */
export interface RecentEventsLimits {
  readonly maxEvents: number;
  readonly maxBytes: number;
}

/**
 * The events the stream sent lately, in the order it sent them, oldest dropped first: a client
 * that resumes from one of them gets exactly those after it (ties in import time included, in
 * the order they were delivered). Only a gap-free run is kept: `clear()` when the stream's
 * reading was interrupted.
 */
export class RecentEvents {
  readonly #limits: RecentEventsLimits;
  #events: StreamEvent[] = [];
  /** The position (in all events ever pushed) of `#events[#head]`. */
  #first = 0;
  #head = 0;
  #bytes = 0;
  readonly #positions = new Map<string, number>();

  constructor(limits: RecentEventsLimits) {
    this.#limits = limits;
  }

  get size(): number {
    return this.#events.length - this.#head;
  }

  push(event: StreamEvent): void {
    this.#positions.set(event.key, this.#first + this.size);
    this.#events.push(event);
    this.#bytes += event.bytes;
    // The newest is kept whatever its size: a client resumes from the last event it got.
    while (
      this.size > 1 &&
      (this.size > this.#limits.maxEvents || this.#bytes > this.#limits.maxBytes)
    ) {
      const dropped = this.#events[this.#head]!;
      this.#positions.delete(dropped.key);
      this.#bytes -= dropped.bytes;
      this.#head += 1;
      this.#first += 1;
    }
    // Compacted now and then, so dropping from the front stays cheap.
    if (this.#head > 1024 && this.#head * 2 > this.#events.length) {
      this.#events = this.#events.slice(this.#head);
      this.#head = 0;
    }
  }

  /** The events sent after the one with `key`, oldest first; `undefined` when it is not kept. */
  after(key: string): StreamEvent[] | undefined {
    const position = this.#positions.get(key);
    if (position === undefined) return undefined;
    return this.#events.slice(this.#head + (position - this.#first) + 1);
  }

  clear(): void {
    this.#events = [];
    this.#head = 0;
    this.#first = 0;
    this.#bytes = 0;
    this.#positions.clear();
  }
}
