import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Batcher } from '../../src/ingest/batcher.js';

/** A flush the test finishes by hand: every call is kept with the function that ends it. */
function heldFlush<T>() {
  const calls: { readonly items: T[]; readonly done: () => void }[] = [];
  const flush = (items: T[]): Promise<void> =>
    new Promise<void>((resolve) => calls.push({ items, done: resolve }));
  return { calls, flush, batches: () => calls.map((c) => c.items) };
}

/** Lets the promise callbacks queued so far run (a flush's `finally`, a waiter's `then`). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/** Whether a promise has settled, observed without awaiting it. */
function watch(promise: Promise<void> | undefined): { readonly settled: boolean } {
  const state = { settled: false };
  void promise?.then(() => (state.settled = true));
  return state;
}

// `void batcher.push(…)`: below maxPending a push returns no back-pressure promise, and the tests
// that do reach maxPending keep the promise they get.
describe('Batcher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('flushes as soon as maxBatch items wait, without waiting for the age', () => {
    const { flush, batches } = heldFlush<number>();
    const batcher = new Batcher({ maxBatch: 3, maxAgeMs: 1000, maxPending: 100, flush });
    void batcher.push(1);
    void batcher.push(2);
    expect(batches()).toEqual([]);
    void batcher.push(3);
    expect(batches()).toEqual([[1, 2, 3]]);
    expect(batcher.pending).toBe(3);
  });

  it('flushes a batch once its oldest item is maxAgeMs old', async () => {
    const { flush, batches } = heldFlush<number>();
    const batcher = new Batcher({ maxBatch: 100, maxAgeMs: 1000, maxPending: 1000, flush });
    void batcher.push(1);
    await vi.advanceTimersByTimeAsync(600);
    void batcher.push(2); // a younger item does not push the deadline back
    await vi.advanceTimersByTimeAsync(399);
    expect(batches()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches()).toEqual([[1, 2]]);
  });

  it('runs one flush at a time and flushes what waited as soon as it ends', async () => {
    const { flush, calls, batches } = heldFlush<number>();
    const batcher = new Batcher({ maxBatch: 2, maxAgeMs: 1000, maxPending: 100, flush });
    void batcher.push(1);
    void batcher.push(2);
    expect(batches()).toEqual([[1, 2]]);
    for (const item of [3, 4, 5]) void batcher.push(item);
    await vi.advanceTimersByTimeAsync(5000); // past the count and the age: still one at a time
    expect(batches()).toEqual([[1, 2]]);
    expect(batcher.pending).toBe(5);
    calls[0]!.done();
    await settle();
    expect(batches()).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
    expect(batcher.pending).toBe(3);
    calls[1]!.done();
    await settle();
    expect(batcher.pending).toBe(0);
  });

  it('flushes what waited during a flush when it comes of age, not before', async () => {
    const { flush, calls, batches } = heldFlush<number>();
    const batcher = new Batcher({ maxBatch: 2, maxAgeMs: 100, maxPending: 100, flush });
    void batcher.push(1);
    void batcher.push(2);
    await vi.advanceTimersByTimeAsync(30);
    void batcher.push(3);
    await vi.advanceTimersByTimeAsync(20);
    calls[0]!.done(); // item 3 is 20 ms old
    await settle();
    expect(batches()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(79);
    expect(batches()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches()).toEqual([[1, 2], [3]]);
  });

  it('returns a promise at maxPending that resolves once a flush makes room', async () => {
    const { flush, calls, batches } = heldFlush<number>();
    const batcher = new Batcher({ maxBatch: 2, maxAgeMs: 1000, maxPending: 4, flush });
    expect(batcher.push(1)).toBeUndefined();
    expect(batcher.push(2)).toBeUndefined(); // flushing [1, 2]
    expect(batcher.push(3)).toBeUndefined();
    const wait = batcher.push(4);
    expect(wait).toBeInstanceOf(Promise);
    expect(batcher.pending).toBe(4);
    const waiting = watch(wait);
    await vi.advanceTimersByTimeAsync(10_000); // time alone makes no room
    expect(waiting.settled).toBe(false);
    calls[0]!.done();
    await settle();
    expect(waiting.settled).toBe(true);
    expect(batches()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(batcher.pending).toBe(2);
  });

  it('keeps every caller beyond maxPending waiting until there is room for it', async () => {
    const { flush, calls } = heldFlush<number>();
    const batcher = new Batcher({ maxBatch: 3, maxAgeMs: 1000, maxPending: 3, flush });
    void batcher.push(1);
    void batcher.push(2);
    const third = watch(batcher.push(3)); // flushing [1, 2, 3]: held = 3
    const fourth = watch(batcher.push(4));
    const fifth = watch(batcher.push(5));
    const sixth = watch(batcher.push(6)); // [4, 5, 6] wait behind the flush: held = 6
    calls[0]!.done(); // held = 3 (flushing [4, 5, 6]): still no room
    await settle();
    expect([third.settled, fourth.settled, fifth.settled, sixth.settled]).toEqual([
      false,
      false,
      false,
      false,
    ]);
    calls[1]!.done();
    await settle();
    expect([third.settled, fourth.settled, fifth.settled, sixth.settled]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(batcher.pending).toBe(0);
  });

  it('drains everything it holds, including items pushed during a flush', async () => {
    const { flush, calls, batches } = heldFlush<number>();
    const batcher = new Batcher({ maxBatch: 10, maxAgeMs: 1000, maxPending: 100, flush });
    void batcher.push(1);
    void batcher.push(2);
    const drained = watch(batcher.drain());
    await settle();
    expect(batches()).toEqual([[1, 2]]); // at once, not after maxAgeMs
    void batcher.push(3);
    void batcher.push(4);
    calls[0]!.done();
    await settle();
    expect(batches()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(drained.settled).toBe(false);
    void batcher.push(5);
    calls[1]!.done();
    await settle();
    expect(batches()).toEqual([[1, 2], [3, 4], [5]]);
    expect(drained.settled).toBe(false);
    calls[2]!.done();
    await settle();
    expect(drained.settled).toBe(true);
    expect(batcher.pending).toBe(0);
    await vi.advanceTimersByTimeAsync(5000); // no flush of nothing afterwards
    expect(batches()).toHaveLength(3);
  });

  it('drains at once when nothing is held', async () => {
    const { flush, batches } = heldFlush<number>();
    const batcher = new Batcher({ maxBatch: 10, maxAgeMs: 1000, maxPending: 100, flush });
    await batcher.drain();
    expect(batches()).toEqual([]);
  });
});
