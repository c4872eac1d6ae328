import { describe, expect, it } from 'vitest';
import {
  bucketLabel,
  chartStartUs,
  windowSegments,
  windowStartUs,
} from '../../src/queries/stats/stats-window.js';
import { TtlCache } from '../../src/ttl-cache.js';

const at = (iso: string): number => Date.parse(iso) * 1000;

describe('statistics windows', () => {
  const now = at('2026-01-05T09:40:00Z');

  it('start charts at the bucket holding now − length, and totals at its hour', () => {
    expect(chartStartUs(now, 'hour', 24)).toBe(at('2026-01-04T09:00:00Z'));
    expect(chartStartUs(now, 'day', 14)).toBe(at('2025-12-22T00:00:00Z'));
    expect(windowStartUs(now, 'day', 1)).toBe(at('2026-01-04T09:00:00Z'));
    expect(windowStartUs(now, 'hour', 1)).toBe(at('2026-01-05T08:00:00Z'));
  });

  it('read whole days from the daily roll-ups and at most two days hour by hour', () => {
    expect(windowSegments(at('2026-01-01T20:00:00Z'), now)).toEqual([
      {
        granularity: 'hourly',
        fromUs: at('2026-01-01T20:00:00Z'),
        toUs: at('2026-01-02T00:00:00Z'),
      },
      {
        granularity: 'daily',
        fromUs: at('2026-01-02T00:00:00Z'),
        toUs: at('2026-01-05T00:00:00Z'),
      },
      { granularity: 'hourly', fromUs: at('2026-01-05T00:00:00Z'), toUs: null },
    ]);
    expect(windowSegments(at('2026-01-02T00:00:00Z'), now)[0]).toEqual({
      granularity: 'daily',
      fromUs: at('2026-01-02T00:00:00Z'),
      toUs: at('2026-01-05T00:00:00Z'),
    });
    expect(windowSegments(at('2026-01-04T09:00:00Z'), now)).toEqual([
      { granularity: 'hourly', fromUs: at('2026-01-04T09:00:00Z'), toUs: null },
    ]);
  });

  it('label buckets as MeshView does, in UTC', () => {
    expect(bucketLabel(at('2026-01-05T09:00:00Z'), 'hour')).toBe('2026-01-05 09:00');
    expect(bucketLabel(at('2026-01-05T00:00:00Z'), 'day')).toBe('2026-01-05');
  });
});

describe('TtlCache', () => {
  it('computes once per key while fresh, again when stale, and forgets failures', async () => {
    let clock = 0;
    const cache = new TtlCache<number>({ ttlMs: 100, maxEntries: 2, now: () => clock });
    let runs = 0;
    const compute = () => Promise.resolve((runs += 1));
    expect(await Promise.all([cache.get('a', compute), cache.get('a', compute)])).toEqual([1, 1]);
    clock = 99;
    expect(await cache.get('a', compute)).toBe(1);
    clock = 100;
    expect(await cache.get('a', compute)).toBe(2);
    await expect(cache.get('b', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('b', compute)).toBe(3);
    // At most two entries: the oldest goes.
    await cache.get('c', compute);
    expect(await cache.get('a', compute)).toBe(5);
  });
});
