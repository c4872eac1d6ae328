import { describe, expect, it } from 'vitest';
import { tracePaths } from '../../../src/pages/packet/decoded/trace-paths.js';

const ALICE = 0x0a11ce01;
const BOB = 0x0b0b0002;
const GW1 = 0x6a7e0003;
const GW2 = 0x6a7e0004;

describe('tracePaths', () => {
  it('reads a reply from its `to` (who asked) to its `from`, and back; SNRs are dB × 4', () => {
    // Bob answers Alice's traceroute: Alice → GW1 → GW2 → Bob, and back Bob → GW2 → Alice.
    const paths = tracePaths(
      { route: [GW1, GW2], snrTowards: [24, 16, 8], routeBack: [GW2], snrBack: [20, 12] },
      BOB,
      ALICE,
      false,
    );
    expect(paths.towards).toEqual({
      nodes: [ALICE, GW1, GW2, BOB],
      snrs: [6, 4, 2],
      incomplete: false,
    });
    expect(paths.back).toEqual({ nodes: [BOB, GW2, ALICE], snrs: [5, 3], incomplete: false });
  });

  it('reads a request on its way (one SNR per relay so far) from `from` towards `to`', () => {
    const paths = tracePaths({ route: [GW1], snrTowards: [-10] }, ALICE, BOB, true);
    expect(paths).toEqual({
      towards: { nodes: [ALICE, GW1], snrs: [-2.5], incomplete: true },
      back: null,
    });
  });

  it('marks unmeasured SNRs (−128) and leaves out a return path that is not there', () => {
    const paths = tracePaths({ route: [0xffffffff], snrTowards: [-128, 4] }, BOB, ALICE, false);
    expect(paths.towards).toEqual({
      nodes: [ALICE, 0xffffffff, BOB],
      snrs: [null, 1],
      incomplete: false,
    });
    expect(paths.back).toBeNull();
  });

  it('reads a direct reply with no relays and no SNRs (older firmware) as Alice → Bob', () => {
    expect(tracePaths({}, BOB, ALICE, false)).toEqual({
      towards: { nodes: [ALICE, BOB], snrs: [null], incomplete: false },
      back: null,
    });
  });

  it('reads a request heard before any relay (empty lists, want_response) from `from`, not backwards', () => {
    expect(tracePaths({}, ALICE, BOB, true)).toEqual({
      towards: { nodes: [ALICE], snrs: [], incomplete: true },
      back: null,
    });
  });
});
