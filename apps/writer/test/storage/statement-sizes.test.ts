import { describe, expect, it } from 'vitest';
import { paddedSize, statementSizes } from '../../src/storage/statement-sizes.js';

describe('statementSizes', () => {
  it('on SQLite, fills statements of the most rows, then powers of two, largest first', () => {
    expect(statementSizes('sqlite', 1300, 500)).toEqual([500, 500, 256, 32, 8, 4]);
    expect(statementSizes('sqlite', 0, 500)).toEqual([]);
    expect(statementSizes('sqlite', 1, 500)).toEqual([1]);
    expect(statementSizes('sqlite', 500, 500)).toEqual([500]);
  });

  it('on SQLite, uses at most log2(max) + 2 sizes for any count, covering every row', () => {
    const seen = new Set<number>();
    for (let count = 0; count <= 2000; count++) {
      const sizes = statementSizes('sqlite', count, 500);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(count);
      for (const size of sizes) seen.add(size);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 500]);
  });

  it('on PostgreSQL, uses as few statements as can take the rows', () => {
    expect(statementSizes('postgres', 1300, 500)).toEqual([500, 500, 300]);
    expect(statementSizes('postgres', 1000, 500)).toEqual([500, 500]);
    expect(statementSizes('postgres', 0, 500)).toEqual([]);
  });
});

describe('paddedSize', () => {
  it('is the smallest power of two at least n', () => {
    expect([1, 2, 3, 5, 64, 65, 500].map(paddedSize)).toEqual([1, 2, 4, 8, 64, 128, 512]);
  });
});
