import { describe, expect, it } from 'vitest';
import { WRITER_COUNTERS, writerStatsTable } from '../src/index.js';

describe('WRITER_COUNTERS (one description of the writer counters)', () => {
  it("are writer_stats's columns after the writer id and its times, in column order", () => {
    expect(writerStatsTable.columns.map((c) => c.name)).toEqual([
      'writer_id',
      'started_us',
      'updated_us',
      ...WRITER_COUNTERS,
    ]);
    for (const name of WRITER_COUNTERS) {
      const counter = writerStatsTable.columns.find((c) => c.name === name);
      expect(counter).toMatchObject({ type: { kind: 'bigInteger' }, nullable: false });
    }
  });
});
