import { describe, expect, it } from 'vitest';
import type { Node } from '@meshview/api';
import {
  busiestChannel,
  channelTotals,
  countBy,
  periodLabels,
  portTotals,
} from '../../../src/pages/stats/stats-figures.js';

const node = (fields: Partial<Node>): Node =>
  ({
    id: '!00000001',
    node_id: 1,
    long_name: null,
    short_name: null,
    hw_model: null,
    firmware: null,
    role: null,
    last_lat: null,
    last_long: null,
    channel: null,
    is_mqtt_gateway: null,
    first_seen_us: null,
    last_seen_us: null,
    ...fields,
  }) as Node;

describe('busiestChannel', () => {
  it('sums every period of a channel and picks the most packets', () => {
    const buckets = [
      { period: '2026-12-06 08:00', count: 5, channel: 'LongFast' },
      { period: '2026-12-06 08:00', count: 4, channel: 'MediumFast' },
      { period: '2026-12-06 09:00', count: 3, channel: 'MediumFast' },
      { period: '2026-12-06 09:00', count: 1, channel: 'LongFast' },
    ];
    expect(busiestChannel(buckets)).toBe('MediumFast');
    expect(channelTotals(buckets)).toEqual(
      new Map([
        ['LongFast', 6],
        ['MediumFast', 7],
      ]),
    );
  });

  it('breaks ties by name, whatever the order of the buckets', () => {
    const buckets = [
      { period: 'a', count: 2, channel: 'Zeta' },
      { period: 'a', count: 2, channel: 'Alpha' },
    ];
    expect(busiestChannel(buckets)).toBe('Alpha');
    expect(busiestChannel([...buckets].reverse())).toBe('Alpha');
  });

  it('ignores packets without a channel and has no answer without buckets', () => {
    expect(busiestChannel([{ period: 'a', count: 9, channel: null }])).toBeUndefined();
    expect(busiestChannel([])).toBeUndefined();
    expect(busiestChannel([{ period: 'a', count: 9 }])).toBeUndefined();
  });
});

describe('portTotals', () => {
  it('sums each port over the periods, most first, then by port', () => {
    expect(
      portTotals([
        { period: 'a', count: 1, portnum: 3 },
        { period: 'a', count: 2, portnum: 1 },
        { period: 'b', count: 1, portnum: 3 },
        { period: 'b', count: 1, portnum: 67 },
      ]),
    ).toEqual([
      [1, 2],
      [3, 2],
      [67, 1],
    ]);
  });
});

describe('countBy', () => {
  it('counts nodes per value, most first then by name, missing values as unknown', () => {
    const nodes = [
      node({ role: 'CLIENT' }),
      node({ role: 'ROUTER' }),
      node({ role: 'CLIENT' }),
      node({ role: null }),
      node({ role: '' }),
      node({ role: 'CLIENT_MUTE' }),
    ];
    expect(countBy(nodes, 'role', 'unknown')).toEqual([
      ['CLIENT', 2],
      ['unknown', 2],
      ['CLIENT_MUTE', 1],
      ['ROUTER', 1],
    ]);
    expect(countBy([], 'hw_model', '?')).toEqual([]);
  });
});

describe('periodLabels', () => {
  const now = Date.UTC(2026, 11, 6, 9, 30);
  it('lists every hour from the one holding now − length to the current one', () => {
    const labels = periodLabels('hour', 2, now);
    expect(labels).toEqual(['2026-12-06 07:00', '2026-12-06 08:00', '2026-12-06 09:00']);
  });
  it('lists days, and keeps labels the answer has beyond them, in order', () => {
    expect(periodLabels('day', 1, now, ['2026-12-04'])).toEqual([
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
  });
});
