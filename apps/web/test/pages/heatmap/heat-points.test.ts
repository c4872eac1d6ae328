import { describe, expect, it } from 'vitest';
import type { Node } from '@meshview/api';
import { heatPoints } from '../../../src/pages/heatmap/heat-points.js';
import { parseHeatmapDays } from '../../../src/pages/heatmap/heatmap-days.js';

const node = (num: number, fields: Partial<Node>): Node => ({
  id: `!${num.toString(16).padStart(8, '0')}`,
  node_id: num,
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
  precision_bits: null,
  ...fields,
});

describe('heatPoints', () => {
  it('puts each node with a position on the heat, an approximate one with its cell', () => {
    const heat = heatPoints([
      node(1, { last_lat: 377_749_000, last_long: -1_224_194_000, precision_bits: 32 }),
      node(2, { last_lat: 377_800_000, last_long: -1_224_000_000, precision_bits: 14 }),
      node(3, { last_lat: 378_000_000, last_long: -1_223_000_000 }),
      node(4, {}),
      node(5, { last_lat: 0, last_long: 0 }),
    ]);
    expect(heat.points).toEqual([
      { lat: 37.7749, lon: -122.4194, cellDegrees: 0 },
      { lat: 37.78, lon: -122.4, cellDegrees: 2 ** 18 * 1e-7 },
      // Unknown precision (stored before it was recorded): drawn as a precise point.
      { lat: 37.8, lon: -122.3, cellDegrees: 0 },
    ]);
    expect(heat.approximate).toBe(1);
    expect(heat.unplaced).toBe(2);
  });
});

describe('parseHeatmapDays', () => {
  it('reads an offered period from the address, else 3', () => {
    expect(parseHeatmapDays(new URLSearchParams('days=7'))).toBe(7);
    expect(parseHeatmapDays(new URLSearchParams(''))).toBe(3);
    expect(parseHeatmapDays(new URLSearchParams('days=2'))).toBe(3);
    expect(parseHeatmapDays(new URLSearchParams('days=lots'))).toBe(3);
  });
});
