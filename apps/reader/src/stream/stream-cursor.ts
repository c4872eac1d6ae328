import type { StreamEventId } from './stream-event-id.js';

/**
 * How far the event stream has read: the newest import time delivered, and every packet id
 * delivered at exactly that time. Not the tuple (time, id): another writer (MeshView's, or a
 * second one of ours) can commit a packet with the same import time as one already delivered but
 * a smaller id, and a `(time, id) >` cursor would skip it. The stream reads
 * `import_time_us >= time` and leaves out the ids delivered there.
 */
export class StreamCursor {
  #importTimeUs: number | null;
  #ids: Set<number>;

  /** At `importTimeUs` with `ids` delivered there; `null`: before every packet. */
  constructor(importTimeUs: number | null = null, ids: Iterable<number> = []) {
    this.#importTimeUs = importTimeUs;
    this.#ids = new Set(ids);
  }

  /** The newest import time delivered; `null` before any. */
  get importTimeUs(): number | null {
    return this.#importTimeUs;
  }

  /** How many packets were delivered at {@link importTimeUs} (read again, and left out). */
  get overlap(): number {
    return this.#ids.size;
  }

  /** Whether the packet at `at` is one the cursor has delivered at its newest time. */
  hasDelivered(at: StreamEventId): boolean {
    return at.importTimeUs === this.#importTimeUs && this.#ids.has(at.id);
  }

  /**
   * The rows not delivered yet, in the order given (read by import time, then id, from
   * `import_time_us >= importTimeUs`), and the cursor moved past them.
   */
  take<R extends { readonly id: number; readonly import_time_us: number | null }>(
    rows: readonly R[],
  ): R[] {
    const fresh: R[] = [];
    for (const row of rows) {
      const t = row.import_time_us;
      if (t === null) continue;
      if (this.#importTimeUs !== null) {
        if (t < this.#importTimeUs) continue;
        if (t === this.#importTimeUs && this.#ids.has(row.id)) continue;
      }
      if (this.#importTimeUs === null || t > this.#importTimeUs) {
        this.#importTimeUs = t;
        this.#ids = new Set();
      }
      this.#ids.add(row.id);
      fresh.push(row);
    }
    return fresh;
  }

  /** A copy, for a resume that must know what had been delivered when it began. */
  snapshot(): StreamCursor {
    return new StreamCursor(this.#importTimeUs, this.#ids);
  }
}
