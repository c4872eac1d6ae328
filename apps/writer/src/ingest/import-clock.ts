/** What an {@link ImportClock} starts from. */
export interface ImportClockProps {
  /** The newest `import_time_us` already stored: the clock never gives less. */
  readonly floorUs?: number | null;
  /** The wall clock, in ms since the epoch; `Date.now` by default. */
  readonly now?: () => number;
}

/**
 * The writer's `import_time_us`: the wall clock in µs, but never less than a time it gave before
 * or than the newest stored at start. Batches are committed in the order their messages arrived,
 * so committed import times never go back, even when the system clock is stepped back (NTP):
 * the readers' event stream and `/api/packets?since=` pollers rely on it (issue 13).
 *
 * @example
 * const clock = new ImportClock({ floorUs: await newestImportTime(db) });
 * interpretEnvelope(topic, payload, { keyRing, skipNodeIds, nowUs: clock.nowUs() });
 */
export class ImportClock {
  readonly #now: () => number;
  #lastUs: number;

  constructor(props: ImportClockProps = {}) {
    this.#now = props.now ?? Date.now;
    this.#lastUs = props.floorUs ?? Number.MIN_SAFE_INTEGER;
  }

  /** The import time for a message that arrives now. */
  nowUs(): number {
    const wall = Math.floor(this.#now() * 1000);
    if (wall > this.#lastUs) this.#lastUs = wall;
    return this.#lastUs;
  }
}
