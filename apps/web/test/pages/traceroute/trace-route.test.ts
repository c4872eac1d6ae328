import { describe, expect, it } from 'vitest';
import type { TracerouteResponse } from '@meshview/api';
import { graphLayout } from '../../../src/pages/traceroute/graph-layout.js';
import {
  alignSnrs,
  reportGroups,
  reportPaths,
  routeLinks,
  traceRoute,
} from '../../../src/pages/traceroute/trace-route.js';

// A reply from the traced node 2 to the requester 1: forward 1 → 10 → 11 → 2, back 2 → 12 → 1.
const reply: TracerouteResponse = {
  packet: { id: 7, from: 2, to: 1, channel: 'LongFast', import_time_us: 1 },
  traceroute_packets: [
    {
      index: 0,
      gateway_node_id: 9,
      done: true,
      forward_hops: [10, 11],
      reverse_hops: [12],
      snr_towards: [6, null, -2.5],
      snr_back: [5],
    },
  ],
  unique_forward_paths: [],
  unique_reverse_paths: [],
  winning_paths: {
    forward: [1, 10, 11, 2],
    reverse: [2, 12, 1],
    forward_snr: [6, null, -2.5],
    reverse_snr: [5, null],
  },
};

describe('traceRoute', () => {
  it('takes the winning paths as the API orients them, each link with its SNR', () => {
    const route = traceRoute(reply)!;
    expect(route).toMatchObject({ requester: 1, destination: 2, pending: false });
    expect(routeLinks(route)).toEqual([
      { from: 1, to: 10, direction: 'forward', snr: 6 },
      { from: 10, to: 11, direction: 'forward', snr: null },
      { from: 11, to: 2, direction: 'forward', snr: -2.5 },
      { from: 2, to: 12, direction: 'return', snr: 5 },
      { from: 12, to: 1, direction: 'return', snr: null },
    ]);
  });

  it('shows a request still on its way from its sender, with no return path', () => {
    const request: TracerouteResponse = {
      ...reply,
      packet: { ...reply.packet, from: 1, to: 2 },
      traceroute_packets: [
        { ...reply.traceroute_packets[0]!, done: false, forward_hops: [10], snr_towards: [4] },
      ],
      winning_paths: { forward: null, reverse: null, forward_snr: null, reverse_snr: null },
    };
    const route = traceRoute(request)!;
    expect(route).toMatchObject({ requester: 1, destination: 2, pending: true, back: null });
    expect(route.forward).toEqual({ nodes: [1, 10], snrs: [4] });
  });

  it('has nothing to show without a report', () => {
    expect(
      traceRoute({
        ...reply,
        traceroute_packets: [],
        winning_paths: { forward: null, reverse: null, forward_snr: null, reverse_snr: null },
      }),
    ).toBeNull();
  });

  it('pads missing SNRs with null, one per link', () => {
    expect(alignSnrs([3], 3)).toEqual([3, null, null]);
    expect(alignSnrs(null, 2)).toEqual([null, null]);
    expect(alignSnrs([1, 2, 3], 0)).toEqual([]);
  });

  it("gives a gateway's report its own hops between the route's ends", () => {
    const route = traceRoute(reply)!;
    expect(reportPaths(reply.traceroute_packets[0]!, route)).toEqual({
      forward: { nodes: [1, 10, 11, 2], snrs: [6, null, -2.5] },
      back: { nodes: [2, 12, 1], snrs: [5, null] },
    });
  });
});

describe('reportGroups', () => {
  const heard = reply.traceroute_packets[0]!;
  const route = traceRoute(reply)!;

  it('puts gateways that heard the same paths in one group, in the order they arrived', () => {
    const reports = [
      heard,
      // Heard on the way back before relay 12 added itself: another group.
      { ...heard, index: 1, gateway_node_id: 8, reverse_hops: [], snr_back: [] },
      { ...heard, index: 2, gateway_node_id: 7 },
      { ...heard, index: 3, gateway_node_id: null },
    ];
    const groups = reportGroups(reports, route);
    expect(groups.map((g) => g.gateways)).toEqual([[9, 7, null], [8]]);
    expect(groups[0]!.paths).toEqual(reportPaths(heard, route));
    expect(groups[1]!.paths.back).toBeNull();
  });

  it('keeps a request on its way apart from a reply with the same hops', () => {
    const request = { ...heard, index: 1, gateway_node_id: 8, done: false };
    const groups = reportGroups([heard, request], route);
    expect(groups.map((g) => [g.gateways, g.done])).toEqual([
      [[9], true],
      [[8], false],
    ]);
  });
});

describe('graphLayout', () => {
  const route = traceRoute(reply)!;
  const layout = graphLayout(route, routeLinks(route));
  const at = (id: number) => layout.nodes.find((n) => n.id === id)!;

  it('lays the forward path left to right on the top row, requester first', () => {
    const xs = [1, 10, 11, 2].map((id) => at(id).x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set([1, 10, 11, 2].map((id) => at(id).y)).size).toBe(1);
    expect(at(1).role).toBe('requester');
    expect(at(2).role).toBe('destination');
    expect(at(10).role).toBe('relay');
  });

  it('puts return-only relays on a second row, between the ends', () => {
    expect(at(12).y).toBeGreaterThan(at(1).y);
    expect(at(12).x).toBeGreaterThan(at(1).x);
    expect(at(12).x).toBeLessThan(at(2).x);
    expect(layout.height).toBeGreaterThan(at(12).y);
    expect(layout.width).toBeGreaterThan(at(2).x);
  });

  it('keeps every link, from its start to its end, bent to its left', () => {
    expect(layout.links.map((l) => [l.from, l.to, l.direction])).toEqual(
      routeLinks(route).map((l) => [l.from, l.to, l.direction]),
    );
    const first = layout.links[0]!;
    expect([first.x1, first.y1, first.x2, first.y2]).toEqual([
      at(1).x,
      at(1).y,
      at(10).x,
      at(10).y,
    ]);
    // Going right on screen, the left is up (smaller y).
    expect(first.cy).toBeLessThan(first.y1);
  });

  it('separates a link from its way back between the same two nodes', () => {
    const there = { forward: { nodes: [1, 2], snrs: [1] }, back: { nodes: [2, 1], snrs: [2] } };
    const both = graphLayout(
      { requester: 1, destination: 2, pending: false, ...there },
      routeLinks({ requester: 1, destination: 2, pending: false, ...there }),
    );
    const [go, come] = both.links;
    expect(go!.cy).toBeLessThan(go!.y1);
    expect(come!.cy).toBeGreaterThan(come!.y1);
  });
});
