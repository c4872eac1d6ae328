/** Protobuf wire types (the low three bits of a tag). */
export const WireType = Object.freeze({
  VARINT: 0,
  BIT64: 1,
  LENGTH_DELIMITED: 2,
  BIT32: 5,
} as const);

const ascii: string[] = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));
// Strict as protobuf-es reads proto3 strings (utf8_validation VERIFY): invalid UTF-8 is an error,
// and a leading U+FEFF is text, not a byte-order mark.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const float32 = new DataView(new ArrayBuffer(4));
// ASCII strings by a hash of their bytes; a bounded few, as a broker may send endless new ones.
const asciiCache = new Map<number, string>();
const MAX_CACHED_STRINGS = 4096;

function sameAscii(text: string, bytes: Uint8Array, start: number, stop: number): boolean {
  if (text.length !== stop - start) return false;
  for (let i = start; i < stop; i++) if (text.charCodeAt(i - start) !== bytes[i]) return false;
  return true;
}

/**
 * A strict, allocation-light cursor over protobuf wire data for the ingest hot path's
 * hand-written readers (`readServiceEnvelope`, `readData`). It reads only well-formed data:
 * every method reports anything unusual (a truncated or over-long varint, a value running past
 * the end of its message, a group, an invalid string) as a failure (-1, false or undefined)
 * instead of throwing, so a reader can hand such bytes to protobuf-es, whose verdict stands.
 * `end` bounds the message being read; a reader of a nested message narrows it and restores it.
 */
export class WireReader {
  pos = 0;
  end: number;

  constructor(readonly bytes: Uint8Array) {
    this.end = bytes.length;
  }

  /**
   * The next tag (`field_number << 3 | wire_type`), or -1 when it is not one protobuf-es
   * accepts (more than 32 bits, field number 0, wire type 6 or 7).
   */
  tag(): number {
    const bytes = this.bytes;
    const end = this.end;
    let pos = this.pos;
    let tag = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (pos >= end) return -1;
      const byte = bytes[pos++]!;
      if (shift === 28 && byte > 0x0f) return -1;
      tag += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) {
        if (tag < 8 || (tag & 7) > 5) return -1;
        this.pos = pos;
        return tag;
      }
    }
    return -1;
  }

  /**
   * A varint's low 32 bits as an unsigned number (how protobuf-es reads uint32, int32 and enum
   * fields, which negative values send as 10 bytes), or -1 when it is truncated or longer than
   * 10 bytes.
   */
  varint32(): number {
    const bytes = this.bytes;
    const end = this.end;
    let pos = this.pos;
    let value = 0;
    for (let i = 0; i < 10; i++) {
      if (pos >= end) return -1;
      const byte = bytes[pos++]!;
      if (i < 4) value |= (byte & 0x7f) << (7 * i);
      else if (i === 4) value |= (byte & 0x0f) << 28;
      if (byte < 0x80) {
        this.pos = pos;
        return value >>> 0;
      }
    }
    return -1;
  }

  /** A one-byte bool (0 or 1 in practice); -1 for a longer varint, which we leave to protobuf-es. */
  bool(): number {
    if (this.pos >= this.end) return -1;
    const byte = this.bytes[this.pos]!;
    if (byte >= 0x80) return -1;
    this.pos += 1;
    return byte === 0 ? 0 : 1;
  }

  /** A little-endian uint32 (`fixed32`), or -1 past the end. */
  fixed32(): number {
    const pos = this.pos;
    if (pos + 4 > this.end) return -1;
    const b = this.bytes;
    this.pos = pos + 4;
    return (b[pos]! | (b[pos + 1]! << 8) | (b[pos + 2]! << 16) | (b[pos + 3]! << 24)) >>> 0;
  }

  /** A little-endian IEEE 754 single (`float`); call only when {@link has} 4 bytes. */
  float32(): number {
    const pos = this.pos;
    this.pos = pos + 4;
    float32.setUint32(0, this.fixed32At(pos), true);
    return float32.getFloat32(0, true);
  }

  /** Whether `n` more bytes remain in the message. */
  has(n: number): boolean {
    return this.pos + n <= this.end;
  }

  /**
   * The length prefix of a length-delimited field, checked to fit in the message; -1 when it
   * does not (protobuf-es may read on into the enclosing message: not ours to imitate).
   */
  length(): number {
    const length = this.varint32();
    if (length < 0 || length > this.end - this.pos) return -1;
    return length;
  }

  /** The bytes of a length-delimited field (a view, not a copy), or undefined. */
  bytesField(): Uint8Array | undefined {
    const length = this.length();
    if (length < 0) return undefined;
    const start = this.pos;
    this.pos = start + length;
    return this.bytes.subarray(start, start + length);
  }

  /**
   * A length-delimited string: ASCII through a cache of the strings seen (gateway ids and channel
   * names repeat in every message, so this mostly makes no string at all), other text by strict
   * UTF-8; undefined when invalid.
   */
  string(): string | undefined {
    const length = this.length();
    if (length < 0) return undefined;
    const bytes = this.bytes;
    const start = this.pos;
    const stop = start + length;
    this.pos = stop;
    let hash = length;
    for (let i = start; i < stop; i++) {
      const byte = bytes[i]!;
      if (byte >= 0x80) {
        try {
          return utf8.decode(bytes.subarray(start, stop));
        } catch {
          return undefined;
        }
      }
      hash = Math.imul(hash ^ byte, 0x01000193);
    }
    const cached = asciiCache.get(hash);
    if (cached !== undefined && sameAscii(cached, bytes, start, stop)) return cached;
    let text = '';
    for (let i = start; i < stop; i++) text += ascii[bytes[i]!]!;
    if (asciiCache.size >= MAX_CACHED_STRINGS) asciiCache.clear();
    asciiCache.set(hash, text);
    return text;
  }

  /** Skips a field of a message's unknown fields; false for groups and anything malformed. */
  skip(wireType: number): boolean {
    switch (wireType) {
      case WireType.VARINT:
        return this.varint32() >= 0;
      case WireType.BIT64:
        if (!this.has(8)) return false;
        this.pos += 8;
        return true;
      case WireType.LENGTH_DELIMITED: {
        const length = this.length();
        if (length < 0) return false;
        this.pos += length;
        return true;
      }
      case WireType.BIT32:
        if (!this.has(4)) return false;
        this.pos += 4;
        return true;
      default:
        return false;
    }
  }

  private fixed32At(pos: number): number {
    const b = this.bytes;
    return (b[pos]! | (b[pos + 1]! << 8) | (b[pos + 2]! << 16) | (b[pos + 3]! << 24)) >>> 0;
  }
}
