/**
 * Whether `bytes` is a well-formed sequence of protobuf fields (varint, 64-bit, length-delimited
 * and 32-bit; no groups, which no Meshtastic message uses). A cheap check before trying to parse
 * the output of a candidate key: a wrong key yields random bytes, which a parser rejects only by
 * throwing, and exceptions cost far more than this scan.
 */
export function isProtobufWire(bytes: Uint8Array): boolean {
  const end = bytes.length;
  let pos = 0;
  while (pos < end) {
    const tag = readVarint(bytes, pos);
    if (tag === null) return false;
    pos = tag.next;
    if (tag.value < 8) return false; // field number 0
    switch (tag.value % 8) {
      case 0: {
        const value = readVarint(bytes, pos);
        if (value === null) return false;
        pos = value.next;
        break;
      }
      case 1:
        pos += 8;
        break;
      case 2: {
        const length = readVarint(bytes, pos);
        if (length === null) return false;
        pos = length.next + length.value;
        break;
      }
      case 5:
        pos += 4;
        break;
      default:
        return false;
    }
    if (pos > end) return false;
  }
  return true;
}

// Up to 10 bytes; values past 2^53 lose precision, which is fine for lengths we bound anyway.
function readVarint(bytes: Uint8Array, start: number): { value: number; next: number } | null {
  let value = 0;
  let scale = 1;
  for (let pos = start; pos < bytes.length && pos < start + 10; pos++) {
    const byte = bytes[pos]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return { value, next: pos + 1 };
    scale *= 128;
  }
  return null;
}
