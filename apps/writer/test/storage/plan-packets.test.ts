import { describe, expect, it } from 'vitest';
import { mergeNodeUpserts } from '../../src/storage/merge-node-upserts.js';
import { mergePublicKeys } from '../../src/storage/merge-public-keys.js';
import { planPackets } from '../../src/storage/plan-packets.js';
import { report, T0 } from '#test/records.js';

describe('planPackets', () => {
  it('gives each id to its first report and attaches the other reports to it', () => {
    const plan = planPackets(
      [report({ id: 1, gateway: 1 }), report({ id: 2, gateway: 1 }), report({ id: 1, gateway: 2 })],
      new Map(),
      null,
    );
    expect(plan.newPackets.map((p) => p.id)).toEqual([1, 2]);
    expect(plan.seenRows.map((s) => [s.packet_id, s.node_id])).toEqual([
      [1, 1],
      [2, 1],
      [1, 2],
    ]);
    expect(plan.duplicates).toBe(1);
    expect(plan.idReuse).toEqual([]);
  });

  it('leaves out a reception the batch already has (same packet, gateway and rx_time)', () => {
    const plan = planPackets(
      [
        report({ id: 1, gateway: 1 }),
        report({ id: 1, gateway: 1 }),
        report({ id: 1, gateway: 1, rxTime: 1_760_000_001 }),
        report({ id: 1, gateway: 2 }),
      ],
      new Map(),
      null,
    );
    expect(plan.seenRows.map((s) => [s.node_id, s.rx_time])).toEqual([
      [1, 1_760_000_000],
      [1, 1_760_000_001],
      [2, 1_760_000_000],
    ]);
    expect(plan.duplicates).toBe(3);
  });

  it('treats ids already stored as duplicates', () => {
    const stored = new Map([[1, { from_node_id: 0x1111, import_time_us: T0 }]]);
    const plan = planPackets([report({ id: 1, traceroute: { done: true } })], stored, null);
    expect(plan.newPackets).toEqual([]);
    expect(plan.duplicates).toBe(1);
    expect(plan.seenRows).toHaveLength(1);
    expect(plan.tracerouteRows).toHaveLength(1);
  });

  it('reports a different sender once per (id, sender), inside the window only', () => {
    const stored = new Map([
      [1, { from_node_id: 0xa, import_time_us: T0 }],
      [2, { from_node_id: 0xa, import_time_us: T0 - 100 }],
      [3, { from_node_id: null, import_time_us: null }],
    ]);
    const plan = planPackets(
      [
        report({ id: 1, from: 0xb, gateway: 1, traceroute: { done: false } }),
        report({ id: 1, from: 0xb, gateway: 2 }),
        report({ id: 2, from: 0xb }),
        report({ id: 3, from: 0xb }),
      ],
      stored,
      50,
    );
    expect(plan.idReuse).toEqual([{ id: 1, from: 0xb, storedFrom: 0xa }]);
    expect(plan.duplicates).toBe(4);
    // Receptions of another sender's packet stay out; a stored row without a sender takes them.
    expect(plan.seenRows.map((s) => s.packet_id)).toEqual([3]);
    expect(plan.tracerouteRows).toEqual([]);
  });
});

describe('mergeNodeUpserts', () => {
  it('folds upserts per node number: later defined fields win, seen times widen', () => {
    const merged = mergeNodeUpserts([
      { id: '!00000001', node_id: 1, long_name: 'a', short_name: 'A', seen_us: 20 },
      { id: '!00000002', node_id: 2, seen_us: 5 },
      { id: '!00000001', node_id: 1, long_name: 'b', last_lat: 7, seen_us: 10 },
    ]);
    expect(merged).toEqual([
      {
        id: '!00000001',
        node_id: 1,
        long_name: 'b',
        short_name: 'A',
        last_lat: 7,
        first_seen_us: 10,
        last_seen_us: 20,
      },
      { id: '!00000002', node_id: 2, first_seen_us: 5, last_seen_us: 5 },
    ]);
  });
});

describe('mergePublicKeys', () => {
  it('folds sightings per (node, key)', () => {
    expect(
      mergePublicKeys([
        { node_id: 1, public_key: 'k', seen_us: 30 },
        { node_id: 1, public_key: 'k', seen_us: 10 },
        { node_id: 1, public_key: 'j', seen_us: 20 },
      ]),
    ).toEqual([
      { node_id: 1, public_key: 'k', first_seen_us: 10, last_seen_us: 30 },
      { node_id: 1, public_key: 'j', first_seen_us: 20, last_seen_us: 20 },
    ]);
  });
});
