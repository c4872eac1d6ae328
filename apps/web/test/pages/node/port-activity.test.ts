import { describe, expect, it } from 'vitest';
import { lastDays, portActivitySeries } from '../../../src/pages/node/port-activity.js';

describe('lastDays', () => {
  it('lists the last days in UTC, oldest first, ending today', () => {
    expect(lastDays(3, Date.UTC(2026, 11, 6, 23, 59))).toEqual([
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
  });
});

describe('portActivitySeries', () => {
  it('stacks one bar series per port, 0 on days without packets, ports in ascending order', () => {
    const days = ['2026-12-05', '2026-12-06'];
    const series = portActivitySeries(
      [
        { period: '2026-12-06', count: 4, portnum: 67 },
        { period: '2026-12-05', count: 2, portnum: 1 },
        { period: '2026-11-01', count: 9, portnum: 1 },
      ],
      days,
      (port) => `port ${port}`,
      (port) => port,
    );
    expect(series).toEqual([
      {
        name: 'port 1',
        type: 'bar',
        stack: 'ports',
        colorIndex: 1,
        points: [
          ['2026-12-05', 2],
          ['2026-12-06', 0],
        ],
      },
      {
        name: 'port 67',
        type: 'bar',
        stack: 'ports',
        colorIndex: 67,
        points: [
          ['2026-12-05', 0],
          ['2026-12-06', 4],
        ],
      },
    ]);
  });
});
