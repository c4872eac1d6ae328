/**
 * Seeded damage for differential tests: the same seed gives the same bytes, so a failing case
 * can be reproduced from the test's output.
 */

/**
 * One random change to `bytes` (a copy): bytes overwritten, a truncation, bytes inserted or
 * deleted, a random field appended (any field number up to 40, any wire type, also the invalid
 * ones), or a stretch of the message repeated (which repeats fields).
 */
export function mutate(bytes: Uint8Array, next: () => number): Uint8Array {
  const int = (n: number): number => Math.floor(next() * n);
  const at = int(bytes.length + 1);
  const randomBytes = (n: number): number[] => Array.from({ length: n }, () => int(256));
  switch (int(6)) {
    case 0: {
      const out = Uint8Array.from(bytes);
      for (let flips = 1 + int(4); flips > 0 && out.length > 0; flips--) {
        out[int(out.length)] = int(256);
      }
      return out;
    }
    case 1:
      return bytes.slice(0, at);
    case 2:
      return Uint8Array.from([
        ...bytes.subarray(0, at),
        ...randomBytes(1 + int(3)),
        ...bytes.subarray(at),
      ]);
    case 3:
      return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + 1 + int(4))]);
    case 4: {
      const tag = ((1 + int(40)) << 3) | int(8);
      const value = [
        randomBytes(1 + int(2)),
        [0x04, ...randomBytes(4)],
        randomBytes(4),
        randomBytes(8),
      ];
      return Uint8Array.from([...bytes, ...varint(tag), ...value[int(value.length)]!]);
    }
    default: {
      const end = at + int(bytes.length - at + 1);
      return Uint8Array.from([
        ...bytes.subarray(0, end),
        ...bytes.subarray(at, end),
        ...bytes.subarray(end),
      ]);
    }
  }
}

function varint(value: number): number[] {
  const out: number[] = [];
  while (value >= 0x80) {
    out.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  out.push(value);
  return out;
}
