/**
 * A seeded generator of numbers in [0, 1) (mulberry32): the same seed draws the same numbers, and
 * every 32-bit state is reachable (an LCG computed in doubles loses its low bits and repeats
 * itself after a few hundred draws).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
