import { describe, expect, it } from 'vitest';
import type { Edge, Node } from '@meshview/api';
import { forceLayout } from '../../../src/pages/nodegraph/force-layout.js';
import {
  buildGraph,
  channelView,
  graphChannels,
  searchNodes,
} from '../../../src/pages/nodegraph/graph-model.js';
import { parseGraphQuery } from '../../../src/pages/nodegraph/graph-query.js';
import { HitGrid } from '../../../src/pages/nodegraph/hit-grid.js';
import {
  SNR_BANDS,
  UNKNOWN_SNR_COLOR,
  snrBucket,
  snrColor,
} from '../../../src/pages/nodegraph/snr-scale.js';

const node = (num: number, channel: string, names: Partial<Node> = {}): Node => ({
  id: `!${num.toString(16).padStart(8, '0')}`,
  node_id: num,
  long_name: null,
  short_name: null,
  hw_model: null,
  firmware: null,
  role: null,
  last_lat: null,
  last_long: null,
  channel,
  is_mqtt_gateway: null,
  first_seen_us: null,
  last_seen_us: null,
  precision_bits: null,
  ...names,
});
const edge = (from: number, to: number, snr: number | null, type: Edge['type'] = 'neighbor') => ({
  from,
  to,
  type,
  kinds: [type],
  reports: 1,
  snr,
  last_us: 0,
});

describe('buildGraph', () => {
  const nodes = [
    node(1, 'LongFast', { long_name: 'Alice Base', short_name: 'ALB' }),
    node(2, 'LongFast', { long_name: 'Bob Mobile', short_name: 'BOB' }),
    node(3, 'LongFast'),
    node(4, 'Hikers'),
  ];

  it('marks a link one-way when the window has no link back, and draws a pair once', () => {
    const graph = buildGraph(
      [edge(1, 2, 6), edge(2, 1, -3.25), edge(3, 1, 2.5), edge(2, 2, 1)],
      nodes,
    );
    expect(graph.links.map((l) => [l.from, l.to, l.oneWay])).toEqual([
      [1, 2, false],
      [2, 1, false],
      [3, 1, true],
    ]);
    const idx = (num: number) => graph.index.get(num)!;
    expect(graph.lines).toEqual([
      // The two-way pair once, coloured by its weaker direction.
      { a: idx(1), b: idx(2), oneWay: false, snr: -3.25 },
      // One-way from its sender to its receiver.
      { a: idx(3), b: idx(1), oneWay: true, snr: 2.5 },
    ]);
    // A self-link is no link: node 2 is there for its links to 1 only.
    expect(graph.nodes.map((n) => n.num)).toEqual([1, 2, 3]);
  });

  it('keeps the known SNR of a pair when one direction has none', () => {
    const graph = buildGraph([edge(1, 2, null), edge(2, 1, 4)], nodes);
    expect(graph.lines[0]!.snr).toBe(4);
  });

  it("filters by the nodes' channel, busiest channel first", () => {
    const graph = buildGraph([edge(1, 2, 6), edge(2, 3, 1), edge(3, 4, 0), edge(4, 1, 0)], nodes);
    expect(graphChannels(graph)).toEqual(['LongFast', 'Hikers']);
    const view = channelView(graph, 'LongFast');
    expect(view.links.map((l) => `${l.from}>${l.to}`)).toEqual(['1>2', '2>3']);
    expect([...view.shown]).toEqual(graph.nodes.map((n) => (n.channel === 'LongFast' ? 1 : 0)));
    expect(channelView(graph, '').links).toHaveLength(4);
  });

  it('finds nodes by name and !hex id, exact matches first', () => {
    const graph = buildGraph([edge(1, 2, 6), edge(2, 3, 1)], nodes);
    expect(searchNodes(graph.nodes, 'bob').map((n) => n.num)).toEqual([2]);
    expect(searchNodes(graph.nodes, '!00000003').map((n) => n.num)).toEqual([3]);
    expect(searchNodes(graph.nodes, '!0000000').map((n) => n.num)).toEqual([1, 2, 3]);
    expect(searchNodes(graph.nodes, '  ')).toEqual([]);
  });
});

describe('SNR colours', () => {
  it('puts each SNR in its band and unknown apart', () => {
    expect(snrColor(7.5)).toBe(SNR_BANDS[0].color);
    expect(snrColor(5)).toBe(SNR_BANDS[0].color);
    expect(snrColor(4.99)).toBe(SNR_BANDS[1].color);
    expect(snrColor(-5)).toBe(SNR_BANDS[2].color);
    expect(snrColor(-10.25)).toBe(SNR_BANDS[4].color);
    expect(snrColor(null)).toBe(UNKNOWN_SNR_COLOR);
    expect(snrBucket(null)).toBe(SNR_BANDS.length);
    expect(new Set(SNR_BANDS.map((b) => b.color)).size).toBe(SNR_BANDS.length);
  });
});

describe('HitGrid', () => {
  const positions = new Float32Array([0, 0, 30, 0, 30.5, 1, -100, 50]);

  it('finds the nearest node within the radius, across cell borders', () => {
    const grid = new HitGrid(positions, undefined, 24);
    expect(grid.nearest(1, 1, 5)).toBe(0);
    expect(grid.nearest(30.4, 0.9, 5)).toBe(2);
    expect(grid.nearest(25, 0, 6)).toBe(1);
    expect(grid.nearest(-99, 49, 3)).toBe(3);
    expect(grid.nearest(15, 15, 5)).toBe(-1);
  });

  it('ignores nodes the view hides', () => {
    const grid = new HitGrid(positions, new Uint8Array([1, 1, 0, 1]), 24);
    expect(grid.nearest(30.4, 0.9, 5)).toBe(1);
  });
});

describe('forceLayout', () => {
  it('is deterministic, finite, and keeps linked nodes closer than unlinked ones', () => {
    // Two rings of 20 nodes, not linked to each other.
    const pairs: number[] = [];
    for (let r = 0; r < 2; r += 1) {
      for (let i = 0; i < 20; i += 1) pairs.push(r * 20 + i, r * 20 + ((i + 1) % 20));
    }
    const input = { count: 40, links: Int32Array.from(pairs), iterations: 200 };
    const a = forceLayout(input);
    expect([...a].every(Number.isFinite)).toBe(true);
    expect(forceLayout(input)).toEqual(a);
    const d = (i: number, j: number) =>
      Math.hypot(a[2 * i]! - a[2 * j]!, a[2 * i + 1]! - a[2 * j + 1]!);
    let linked = 0;
    for (let k = 0; k < pairs.length; k += 2) linked += d(pairs[k]!, pairs[k + 1]!);
    linked /= pairs.length / 2;
    expect(linked).toBeGreaterThan(10);
    expect(linked).toBeLessThan(60);
    // No two nodes on top of each other.
    for (let i = 0; i < 40; i += 1)
      for (let j = i + 1; j < 40; j += 1) expect(d(i, j)).toBeGreaterThan(1);
  });
});

describe('parseGraphQuery', () => {
  it('reads the window, channel and node, falling back to a day', () => {
    expect(parseGraphQuery(new URLSearchParams('hours=168&channel=LongFast&node=42'))).toEqual({
      hours: 168,
      channel: 'LongFast',
      node: 42,
    });
    expect(parseGraphQuery(new URLSearchParams('hours=5&node=x'))).toEqual({
      hours: 24,
      channel: '',
      node: null,
    });
  });
});
