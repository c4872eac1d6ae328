import { describe, expect, it } from 'vitest';
import { hopSnrDb, linkSnrs } from '../../src/payload/hop-snr.js';
import { traceroutePaths } from '../../src/routes/api/traceroute-paths.js';

describe("a traceroute's hop SNRs", () => {
  it('reads dB × 4, and −128 as not measured', () => {
    expect([-26, 0, 43, -128].map(hopSnrDb)).toEqual([-6.5, 0, 10.75, null]);
  });

  it("lines them up with a path's links, null past the end of the list", () => {
    expect(linkSnrs([24, -128], 3)).toEqual([6, null, null]);
    expect(linkSnrs([24, 16, 8], 2)).toEqual([6, 4]);
    expect(linkSnrs([], 0)).toEqual([]);
  });
});

describe('traceroutePaths', () => {
  const reply = { from: 2, to: 1, gatewayNodeId: 9, done: true, route: [], routeBack: [] };

  it('gives a reply that came straight back a return path when it measured one', () => {
    expect(traceroutePaths({ ...reply, snrBack: [40] })).toEqual({
      forward: [1, 2],
      reverse: [2, 1],
    });
  });

  it('gives no return path without relays back or a measured SNR', () => {
    expect(traceroutePaths(reply).reverse).toEqual([]);
    expect(traceroutePaths({ ...reply, snrBack: [] }).reverse).toEqual([]);
  });
});
