import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/mqtt/backoff.js';

const OPTIONS = { baseMs: 1000, maxMs: 60_000 } as const;
/** A `random` that always returns `value`, so that the jitter is chosen by the test. */
const fixed = (value: number) => () => value;
const ALMOST_ONE = 1 - Number.EPSILON;

describe('backoffDelay', () => {
  it('stays between baseMs / 2 and the ceiling of the attempt, whatever the jitter', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const ceiling = Math.min(OPTIONS.maxMs, OPTIONS.baseMs * 2 ** attempt);
      for (const r of [0, 0.1, 0.25, 0.5, 0.75, 0.9, ALMOST_ONE]) {
        const delay = backoffDelay(attempt, OPTIONS, fixed(r));
        expect(delay).toBeGreaterThanOrEqual(OPTIONS.baseMs / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('doubles its ceiling with every attempt', () => {
    const ceilings = [0, 1, 2, 3, 4, 5].map((attempt) =>
      backoffDelay(attempt, OPTIONS, fixed(ALMOST_ONE)),
    );
    expect(ceilings).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000]);
  });

  it('never waits longer than maxMs, however many attempts failed', () => {
    expect(backoffDelay(6, OPTIONS, fixed(ALMOST_ONE))).toBe(60_000);
    expect(backoffDelay(30, OPTIONS, fixed(ALMOST_ONE))).toBe(60_000);
    // 2^attempt overflows to Infinity long before this; the cap must still hold.
    expect(backoffDelay(5000, OPTIONS, fixed(ALMOST_ONE))).toBe(60_000);
    expect(backoffDelay(Number.MAX_SAFE_INTEGER, OPTIONS, fixed(0.5))).toBe(30_000);
  });

  it('spreads the delay over the whole range with full jitter, floored at baseMs / 2', () => {
    expect(backoffDelay(3, OPTIONS, fixed(0.5))).toBe(4000);
    expect(backoffDelay(3, OPTIONS, fixed(0.25))).toBe(2000);
    expect(backoffDelay(3, OPTIONS, fixed(0.01))).toBe(500);
    expect(backoffDelay(3, OPTIONS, fixed(0))).toBe(500);
    expect(backoffDelay(10, OPTIONS, fixed(0.5))).toBe(30_000);
  });

  it('gives whole milliseconds', () => {
    expect(backoffDelay(4, { baseMs: 100, maxMs: 10_000 }, fixed(0.3333))).toBe(533); // 533.28
    expect(backoffDelay(2, { baseMs: 100, maxMs: 10_000 }, fixed(0.123456))).toBe(50); // 49.4 < 50
  });

  it('uses Math.random when no random is given', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 50; i++) seen.add(backoffDelay(10, OPTIONS));
    expect(seen.size).toBeGreaterThan(1);
    for (const delay of seen) {
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThanOrEqual(60_000);
    }
  });
});
