import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IngestCounters } from '../../src/ingest/ingest-counters.js';

describe('IngestCounters', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_760_000_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps totals per counter', () => {
    const counters = new IngestCounters();
    counters.add('received', 3);
    counters.add('received');
    counters.add('stored', 2);
    counters.add('rate_limited');
    expect(counters.snapshot()).toEqual({
      received: 4,
      stored: 2,
      duplicates: 0,
      undecryptable: 0,
      malformed: 0,
      skipped: 0,
      rate_limited: 1,
      dropped: 0,
      reconnects: 0,
    });
  });

  it('samples per-second rates since the previous sample, to one decimal', async () => {
    const counters = new IngestCounters();
    counters.add('received', 100);
    counters.add('stored', 90);
    await vi.advanceTimersByTimeAsync(2000);
    const first = counters.sample();
    expect(first.totals).toMatchObject({ received: 100, stored: 90 });
    expect(first.perSecond).toMatchObject({ received: 50, stored: 45, malformed: 0 });

    counters.add('received', 1);
    await vi.advanceTimersByTimeAsync(3000);
    const second = counters.sample();
    expect(second.totals).toMatchObject({ received: 101, stored: 90 });
    expect(second.perSecond).toMatchObject({ received: 0.3, stored: 0 }); // 1 / 3 s
  });

  it('takes the time from the caller when given', () => {
    const counters = new IngestCounters(0);
    counters.add('duplicates', 600);
    expect(counters.sample(60_000).perSecond.duplicates).toBe(10);
    counters.add('duplicates', 30);
    expect(counters.sample(61_000).perSecond.duplicates).toBe(30);
  });

  it('does not divide by zero when sampled twice in the same millisecond', () => {
    const counters = new IngestCounters();
    counters.sample();
    const { perSecond } = counters.sample();
    expect(Object.values(perSecond).every((rate) => rate === 0)).toBe(true);
  });

  it('hands out copies, not its own state', () => {
    const counters = new IngestCounters();
    const before = counters.snapshot() as { received: number };
    before.received = 99;
    expect(counters.snapshot().received).toBe(0);
  });
});
