import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/ingest/rate-limiter.js';

/** A wall-clock time (ms), as the pipeline passes `Date.now()`. */
const T = 1_760_000_000_000;

/** How many of `n` messages from `node` at `nowMs` the limiter lets through. */
const allowed = (limiter: RateLimiter, node: number, n: number, nowMs: number): number =>
  Array.from({ length: n }, () => limiter.allow(node, nowMs)).filter(Boolean).length;

describe('RateLimiter', () => {
  it('lets a node send `limit` messages within a window and refuses the rest', () => {
    const limiter = new RateLimiter({ limit: 5, windowMs: 60_000 });
    expect(allowed(limiter, 0x1234, 5, T)).toBe(5);
    expect(limiter.allow(0x1234, T + 1)).toBe(false);
    expect(allowed(limiter, 0x1234, 10, T + 59_999)).toBe(0);
  });

  it('counts every node on its own', () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 1000 });
    expect(allowed(limiter, 1, 3, T)).toBe(2);
    expect(allowed(limiter, 2, 3, T)).toBe(2);
    expect(allowed(limiter, 3, 1, T + 999)).toBe(1);
  });

  it('starts counting afresh in the next window', () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 1000 });
    expect(allowed(limiter, 7, 5, T)).toBe(2);
    expect(allowed(limiter, 7, 5, T + 999)).toBe(0);
    expect(allowed(limiter, 7, 5, T + 1000)).toBe(2);
    expect(allowed(limiter, 7, 1, T + 1500)).toBe(0);
    expect(allowed(limiter, 7, 5, T + 50_000)).toBe(2);
  });

  it('lets everything through when the limit is 0', () => {
    const limiter = new RateLimiter({ limit: 0, windowMs: 1000 });
    expect(allowed(limiter, 9, 10_000, T)).toBe(10_000);
  });
});
