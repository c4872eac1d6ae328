/**
 * A number in [0, 1) that depends only on `parts` (integers; larger ones count modulo 2³²): the
 * simulated mesh draws what happens at a moment from the moment itself, so that any window of
 * time gives the same events as a longer window that contains it.
 */
export function hashUnit(...parts: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
  }
  h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
