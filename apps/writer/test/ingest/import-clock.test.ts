import { describe, expect, it } from 'vitest';
import { ImportClock } from '../../src/ingest/import-clock.js';

describe('ImportClock', () => {
  it('follows the wall clock in µs and never goes back when it is stepped back', () => {
    const readings = [1000, 1001, 990, 995, 1002.5];
    const clock = new ImportClock({ now: () => readings.shift()! });
    expect([1, 2, 3, 4, 5].map(() => clock.nowUs())).toEqual([
      1_000_000, 1_001_000, 1_001_000, 1_001_000, 1_002_500,
    ]);
  });

  it('starts no earlier than the newest stored import time', () => {
    const clock = new ImportClock({ floorUs: 5_000_000, now: () => 1000 });
    expect(clock.nowUs()).toBe(5_000_000);
    expect(new ImportClock({ floorUs: null, now: () => 1000 }).nowUs()).toBe(1_000_000);
  });
});
