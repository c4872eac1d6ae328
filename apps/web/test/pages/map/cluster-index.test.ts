import { describe, expect, it } from 'vitest';
import type { Node } from '@meshview/api';
import { ClusterIndex } from '../../../src/pages/map/cluster-index.js';
import { mapNodes } from '../../../src/pages/map/map-node.js';

const node = (nodeId: number, lat: number, lon: number, bits: number | null = 32): Node => ({
  id: `!${nodeId.toString(16).padStart(8, '0')}`,
  node_id: nodeId,
  long_name: `Node ${nodeId}`,
  short_name: null,
  hw_model: null,
  firmware: null,
  role: 'CLIENT',
  last_lat: Math.round(lat * 1e7),
  last_long: Math.round(lon * 1e7),
  channel: 'LongFast',
  is_mqtt_gateway: null,
  first_seen_us: null,
  last_seen_us: null,
  precision_bits: bits,
});

const WORLD = [-180, -85, 180, 85] as const;
const count = (items: ReturnType<ClusterIndex['items']>) =>
  items.reduce((sum, item) => sum + (item.kind === 'node' ? 1 : item.count), 0);

describe('ClusterIndex', () => {
  const nodes = mapNodes([
    node(1, 37.8, -122.4),
    node(2, 37.8001, -122.4001),
    node(3, 37.81, -122.41),
    node(4, 40.7, -74.0),
    node(5, 37.5, -122.2, 13),
    node(6, 37.5, -122.2, 13),
    { ...node(7, 0, 0), last_lat: 0, last_long: 0 },
    { ...node(8, 1, 1), last_lat: null },
  ]);

  it('places only nodes with a position, and gives reduced ones their cell', () => {
    expect(nodes.map((n) => n.nodeId)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(nodes.find((n) => n.nodeId === 5)!.cell).not.toBeNull();
    expect(nodes.find((n) => n.nodeId === 1)!.cell).toBeNull();
  });

  it('accounts for every node at every zoom, clustering where they crowd', () => {
    const index = new ClusterIndex(nodes);
    for (let zoom = 1; zoom <= 20; zoom++) expect(count(index.items(WORLD, zoom))).toBe(6);
    const far = index.items(WORLD, 3);
    expect(far.filter((i) => i.kind === 'cluster').length).toBeGreaterThan(0);
    const near = index.items(WORLD, 18);
    expect(
      near.filter((i) => i.kind === 'node').map((i) => i.kind === 'node' && i.node.nodeId),
    ).toEqual(expect.arrayContaining([1, 2, 3, 4]));
  });

  it('keeps nodes at one spot together, and says so', () => {
    const index = new ClusterIndex(nodes);
    const spot = index.items([-122.3, 37.4, -122.1, 37.6], 19).find((i) => i.kind === 'cluster');
    expect(spot?.kind).toBe('cluster');
    if (spot?.kind !== 'cluster') return;
    expect(spot.count).toBe(2);
    expect(index.splits(spot.clusterId)).toBeNull();
    expect(
      index
        .nodesOf(spot.clusterId)
        .map((n) => n.nodeId)
        .sort(),
    ).toEqual([5, 6]);
    const wide = index.items(WORLD, 5).find((i) => i.kind === 'cluster' && i.count === 5);
    expect(wide?.kind).toBe('cluster');
    expect(index.splits((wide as { clusterId: number }).clusterId)).toBeGreaterThan(5);
  });

  it('draws only what lies in the box asked for', () => {
    const index = new ClusterIndex(nodes);
    const east = index.items([-80, 35, -70, 45], 10);
    expect(east).toHaveLength(1);
    expect(east[0]!.kind === 'node' && east[0]!.node.nodeId).toBe(4);
  });
});
