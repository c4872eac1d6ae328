/**
 * The ports of a busy public mesh with their shares, for the benchmarks' generated traffic:
 * telemetry, position, nodeinfo, routing, text, neighborinfo, traceroute, map report, and
 * packets no key decrypts (portnum 0).
 */
export const PORT_SHARES: readonly (readonly [number, number])[] = [
  [67, 0.3],
  [3, 0.2],
  [4, 0.12],
  [5, 0.08],
  [1, 0.05],
  [71, 0.04],
  [70, 0.03],
  [73, 0.03],
  [0, 0.15],
];

/** One of `choices` drawn by its share (the shares add up to 1); the first when they fall short. */
export function pickWeighted<T>(
  random: () => number,
  choices: readonly (readonly [T, number])[],
): T {
  let r = random();
  for (const [value, share] of choices) if ((r -= share) < 0) return value;
  return choices[0]![0];
}
