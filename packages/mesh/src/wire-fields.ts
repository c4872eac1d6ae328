import { allocateBytes } from './byte-slab.js';

/** Where one field sits in a protobuf message's bytes. */
export interface FieldSpan {
  /** The tag's first byte. */
  readonly start: number;
  /** The value's first byte (after a length prefix, for length-delimited fields). */
  readonly valueStart: number;
  /** One past the field's last byte. */
  readonly end: number;
}

function readVarint(bytes: Uint8Array, at: number): [value: number, next: number] | undefined {
  let value = 0;
  let scale = 1;
  for (let i = at; i < bytes.length && i < at + 10; i++) {
    const byte = bytes[i]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, i + 1];
    scale *= 128;
  }
  return undefined;
}

/**
 * The span of the only occurrence of field `number` in a message's bytes, undefined when it is
 * missing, repeated, or the bytes are not well-formed protobuf. Lets the ingest path reuse the
 * bytes it received instead of encoding a message again.
 */
export function findField(bytes: Uint8Array, number: number): FieldSpan | undefined {
  let found: FieldSpan | undefined;
  let at = 0;
  while (at < bytes.length) {
    const tag = readVarint(bytes, at);
    if (!tag) return undefined;
    const [key, afterTag] = tag;
    const wireType = key % 8;
    let valueStart = afterTag;
    let end: number;
    if (wireType === 0) {
      const varint = readVarint(bytes, afterTag);
      if (!varint) return undefined;
      end = varint[1];
    } else if (wireType === 1) {
      end = afterTag + 8;
    } else if (wireType === 2) {
      const length = readVarint(bytes, afterTag);
      if (!length) return undefined;
      valueStart = length[1];
      end = valueStart + length[0];
    } else if (wireType === 5) {
      end = afterTag + 4;
    } else {
      return undefined;
    }
    if (end > bytes.length) return undefined;
    if (Math.floor(key / 8) === number) {
      if (found) return undefined;
      found = { start: at, valueStart, end };
    }
    at = end;
  }
  return found;
}

function varintLength(value: number): number {
  let length = 1;
  for (; value >= 0x80; value = Math.floor(value / 128)) length += 1;
  return length;
}

function writeVarint(out: Uint8Array, at: number, value: number): number {
  for (; value >= 0x80; value = Math.floor(value / 128)) out[at++] = (value % 128) | 0x80;
  out[at++] = value;
  return at;
}

/**
 * The bytes of `message` with `field` replaced by a length-delimited field `number` holding
 * `value`, at the same place (so field order stays as it was).
 */
export function replaceField(
  message: Uint8Array,
  field: FieldSpan,
  number: number,
  value: Uint8Array,
): Uint8Array {
  const tag = number * 8 + 2;
  const tail = message.length - field.end;
  const out = allocateBytes(
    field.start + varintLength(tag) + varintLength(value.length) + value.length + tail,
  );
  // Plain loops for the short head and tail: cheaper than the views `set` would need.
  for (let i = 0; i < field.start; i++) out[i] = message[i]!;
  let at = writeVarint(out, field.start, tag);
  at = writeVarint(out, at, value.length);
  out.set(value, at);
  at += value.length;
  for (let i = 0; i < tail; i++) out[at + i] = message[field.end + i]!;
  return out;
}
