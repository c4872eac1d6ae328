import { describe, expect, it } from 'vitest';
import { neighborSnr } from '../../../src/pages/node/neighbor-series.js';
import { packet } from './packet-fixture.js';

describe('neighborSnr', () => {
  it("gives each neighbour's SNR over time, a left-out snr being 0 (proto3's default)", () => {
    const reports = [
      packet({
        portnum: 71,
        import_time_us: 2_000_000,
        decoded: { nodeId: 5, neighbors: [{ nodeId: 7, snr: 6.5 }, { nodeId: 9 }] },
      }),
      packet({
        portnum: 71,
        import_time_us: 1_000_000,
        decoded: { neighbors: [{ nodeId: 7, snr: -3.25 }] },
      }),
    ];
    expect(neighborSnr(reports)).toEqual([
      {
        nodeId: 7,
        points: [
          [1000, -3.25],
          [2000, 6.5],
        ],
      },
      { nodeId: 9, points: [[2000, 0]] },
    ]);
  });
});
