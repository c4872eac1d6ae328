/**
 * The packet id of what is sent at `timeUs` (whole milliseconds): the millisecond, modulo 2³²,
 * through a bijection keyed by the seed, so ids look random, differ for any two packets sent
 * less than 49 days apart (the simulation sends at most one packet per millisecond), and are the
 * same whatever window they are generated in. 0 and 0xffffffff are not ids: null.
 */
export function packetIdAt(seed: number, timeUs: number): number | null {
  let x = (Math.floor(timeUs / 1000) % 0x100000000) >>> 0;
  x = (x ^ Math.imul(seed | 1, 0x2545f491)) >>> 0;
  x = Math.imul(x, 0x9e3779b1) >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x85ebca6b) >>> 0;
  x = (x ^ (x >>> 13)) >>> 0;
  return x === 0 || x === 0xffffffff ? null : x;
}
