import { describe, expect, it } from 'vitest';
import { chartTable } from '../../../src/components/chart/chart-csv.js';

describe('chartTable', () => {
  it('merges time series on their times, ISO in UTC, empty where a series has no value', () => {
    const table = chartTable(
      [
        {
          name: 'Battery',
          points: [
            [2000, 80],
            [1000, 90],
          ],
        },
        { name: 'Voltage', points: [[1000, 4.1]] },
      ],
      { type: 'time', name: 'time' },
    );
    expect(table.header).toEqual(['time', 'Battery', 'Voltage']);
    expect(table.rows).toEqual([
      ['1970-01-01T00:00:01.000Z', 90, 4.1],
      ['1970-01-01T00:00:02.000Z', 80, null],
    ]);
  });

  it('keeps the order of given categories', () => {
    const table = chartTable([{ name: 'Text', points: [['b', 2]] }], {
      type: 'category',
      name: 'day',
      categories: ['a', 'b'],
    });
    expect(table.rows).toEqual([
      ['a', null],
      ['b', 2],
    ]);
  });
});
