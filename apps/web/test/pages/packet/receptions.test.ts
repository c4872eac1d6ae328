import { describe, expect, it } from 'vitest';
import type { Node, PacketSeen } from '@meshview/api';
import {
  hopColor,
  hopsOf,
  HOP_COLORS,
  UNKNOWN_HOPS_COLOR,
} from '../../../src/pages/packet/hops.js';
import { groupReceptions } from '../../../src/pages/packet/receptions.js';

const report = (nodeId: number, fields: Partial<PacketSeen> = {}): PacketSeen => ({
  packet_id: 42,
  node_id: nodeId,
  rx_time: 1_700_000_000,
  hop_limit: 3,
  hop_start: 3,
  channel: 'LongFast',
  rx_snr: 5,
  rx_rssi: -90,
  topic: `msh/US/2/e/LongFast/!${nodeId.toString(16).padStart(8, '0')}`,
  import_time_us: 1_795_000_000_000_000,
  ...fields,
});

const node = (nodeId: number, fields: Partial<Node>): Node => ({
  id: `!${nodeId.toString(16).padStart(8, '0')}`,
  node_id: nodeId,
  long_name: null,
  short_name: null,
  hw_model: null,
  firmware: null,
  role: null,
  last_lat: null,
  last_long: null,
  channel: null,
  is_mqtt_gateway: true,
  first_seen_us: null,
  last_seen_us: null,
  precision_bits: null,
  ...fields,
});

describe('hopsOf', () => {
  it('is hop_start minus hop_limit', () => {
    expect(hopsOf({ hop_start: 7, hop_limit: 4 })).toBe(3);
    expect(hopsOf({ hop_start: 3, hop_limit: 3 })).toBe(0);
  });

  it('is unknown without hop_start (firmware before 2.3 sends 0), or with a limit above it', () => {
    expect(hopsOf({ hop_start: 0, hop_limit: 3 })).toBeNull();
    expect(hopsOf({ hop_start: null, hop_limit: 3 })).toBeNull();
    expect(hopsOf({ hop_start: 3, hop_limit: null })).toBeNull();
    expect(hopsOf({ hop_start: 2, hop_limit: 5 })).toBeNull();
  });

  it('colours 0–7 hops apart, more than 7 like 7, unknown grey', () => {
    expect(new Set(HOP_COLORS.map((_, hops) => hopColor(hops))).size).toBe(8);
    expect(hopColor(9)).toBe(hopColor(7));
    expect(hopColor(null)).toBe(UNKNOWN_HOPS_COLOR);
  });
});

describe('groupReceptions', () => {
  it('groups by hops, fewest first and unknown last, best SNR first, numbered in that order', () => {
    const groups = groupReceptions(
      [
        report(1, { hop_limit: 1, rx_snr: 2 }),
        report(2, { hop_start: 0, hop_limit: 0 }),
        report(3, { hop_limit: 3, rx_snr: -4 }),
        report(4, { hop_limit: 1, rx_snr: 9 }),
        report(5, { hop_limit: 3, rx_snr: 7 }),
      ],
      { source: null, nodes: new Map() },
    );
    expect(groups.map((g) => g.hops)).toEqual([0, 2, null]);
    expect(groups.map((g) => g.receptions.map((r) => [r.number, r.seen.node_id]))).toEqual([
      [
        [1, 5],
        [2, 3],
      ],
      [
        [3, 4],
        [4, 1],
      ],
      [[5, 2]],
    ]);
  });

  it("takes a gateway's names and position from its report, else from the node looked up", () => {
    const [group] = groupReceptions(
      [
        report(1, { long_name: 'From report', short_name: 'REP', last_lat: 10e7, last_long: 0 }),
        report(2),
        report(3, { long_name: null, short_name: null, last_lat: null, last_long: null }),
      ],
      {
        source: { lat: 11, lon: 0 },
        nodes: new Map([
          [2, node(2, { long_name: 'Looked up', last_lat: 12e7, last_long: 0 })],
          [3, node(3, { long_name: 'Not asked for', last_lat: 1e7, last_long: 1e7 })],
        ]),
      },
    );
    const byId = new Map(group!.receptions.map((r) => [r.seen.node_id, r]));
    expect(byId.get(1)).toMatchObject({ longName: 'From report', position: { lat: 10, lon: 0 } });
    expect(byId.get(2)).toMatchObject({ longName: 'Looked up', position: { lat: 12, lon: 0 } });
    // The API said this gateway has no name and no position: the lookup does not override it.
    expect(byId.get(3)).toMatchObject({ longName: null, position: null, distanceKm: null });
    // One degree of latitude on the mean Earth radius (6371.0088 km) is 111.195 km.
    expect(byId.get(1)!.distanceKm).toBeCloseTo(111.195, 2);
    expect(byId.get(2)!.distanceKm).toBeCloseTo(111.195, 2);
  });

  it('leaves distances out without a source position, and 0,0 is no position', () => {
    const [group] = groupReceptions(
      [report(1, { last_lat: 0, last_long: 0 }), report(2, { last_lat: 5e7, last_long: 5e7 })],
      {
        source: null,
        nodes: new Map(),
      },
    );
    expect(group!.receptions.map((r) => [r.position, r.distanceKm])).toEqual([
      [null, null],
      [{ lat: 5, lon: 5 }, null],
    ]);
  });
});
