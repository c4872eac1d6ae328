import { describe, expect, it } from 'vitest';
import {
  DAY_US,
  FINEST_BUCKET_US,
  HOUR_US,
  ROLLUP_TABLES,
  rollupTable,
  tables,
} from '../src/index.js';

describe('ROLLUP_TABLES (one description of the statistics roll-ups)', () => {
  it('lists exactly the roll-up tables of `tables`, each with its own model', () => {
    const models = Object.values(tables);
    for (const rollup of ROLLUP_TABLES) expect(models).toContain(rollup.definition);
    expect(ROLLUP_TABLES.map((r) => r.table)).toEqual(
      models.map((t) => t.name).filter((name) => name.startsWith('stats_')),
    );
  });

  it('names each table after its family and granularity, keyed by its primary key', () => {
    for (const rollup of ROLLUP_TABLES) {
      expect(rollup.table).toBe(`${rollup.family}_${rollup.granularity}`);
      expect(rollup.definition.name).toBe(rollup.table);
      expect(rollup.key).toEqual(rollup.definition.primaryKey);
      expect(rollup.definition.columns.map((c) => c.name)).toEqual([
        ...rollup.key,
        'packets',
        'seen',
      ]);
      expect(rollup.bucketUs).toBe(rollup.granularity === 'hourly' ? HOUR_US : DAY_US);
      expect(rollup.bucketUs % FINEST_BUCKET_US).toBe(0);
      expect(rollupTable(rollup.family, rollup.granularity)).toBe(rollup);
    }
  });

  it('keeps every family hourly and daily, with the same key', () => {
    const families = [...new Set(ROLLUP_TABLES.map((r) => r.family))];
    expect(families).toEqual(['stats', 'stats_sender', 'stats_recipient']);
    for (const family of families) {
      expect(rollupTable(family, 'daily').key).toEqual(rollupTable(family, 'hourly').key);
    }
  });
});
