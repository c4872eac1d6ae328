import {
  buildEnvelope,
  DEFAULT_KEY,
  mapReportEnvelope,
  nodeInfoEnvelope,
  PORT,
  positionEnvelope,
  SECRET_KEY,
  seededRandom,
  telemetryEnvelope,
  textEnvelope,
  tracerouteEnvelope,
} from '@meshview/sim';

/** The kinds of hostile payload the fuzzer makes (issue 16, item 3). */
export const FUZZ_KINDS = [
  'random',
  'truncated',
  'bit-flipped',
  're-framed',
  'wrong-key',
  'oversized',
  'deeply-nested',
  'empty',
] as const;

export type FuzzKind = (typeof FUZZ_KINDS)[number];

/** One hostile payload and how it was made. */
export interface FuzzedPayload {
  readonly kind: FuzzKind;
  readonly payload: Uint8Array;
}

/**
 * How often each kind is drawn, in parts per 1,000. Oversized publishes are rare because each
 * is 70 KB–1 MB on the wire (about a thousand in a million-payload run, some 350 MB).
 */
const WEIGHTS: Readonly<Record<FuzzKind, number>> = {
  random: 170,
  truncated: 170,
  'bit-flipped': 220,
  're-framed': 220,
  'wrong-key': 120,
  oversized: 1,
  'deeply-nested': 40,
  empty: 59,
};

/** The real envelopes mutated: their packet ids are `BASE_ID_START + n`. */
export const BASE_ID_START = 0x1000_0000;
/** The wrong-key envelopes' packet ids are `WRONG_KEY_ID_START + n`, one each. */
export const WRONG_KEY_ID_START = 0x2000_0000;
const BASE_POOL = 512;
const NESTED_POOL = 48;

/** Wire types of the protobuf encoding. */
const VARINT = 0;
const I64 = 1;
const LEN = 2;
const SGROUP = 3;
const EGROUP = 4;
const I32 = 5;

/** One field of a message as it was on the wire: its tag's number and type, and its bytes. */
interface WireField {
  readonly field: number;
  readonly wire: number;
  /** The value's bytes (for LEN, without the length prefix). */
  readonly value: Uint8Array;
}

/**
 * A deterministic generator of hostile MQTT payloads, the same sequence for the same seed:
 * random bytes; real `ServiceEnvelope`s (built by @meshview/sim, encrypted with the default key)
 * truncated, bit-flipped or re-framed (length prefixes altered, field numbers changed, extra or
 * repeated fields, wrong wire types, inside the envelope or its `MeshPacket`); envelopes
 * encrypted with a key the writer does not hold; oversized payloads (70 KB–1 MB); protobuf
 * nested thousands deep (length-delimited fields or groups); empty payloads.
 *
 * It only makes bytes: what the writer must do with each is for the test to work out with the
 * writer's own decoder.
 *
 * @example
 * const fuzzer = new EnvelopeFuzzer(42);
 * const { kind, payload } = fuzzer.next();
 */
export class EnvelopeFuzzer {
  readonly #random: () => number;
  readonly #bases: Uint8Array[] = [];
  readonly #table: FuzzKind[] = [];
  readonly #nestedPool: Uint8Array[] = [];
  #wrongKeyIds = 0;

  constructor(seed: number) {
    this.#random = seededRandom(seed);
    for (const kind of FUZZ_KINDS) for (let i = 0; i < WEIGHTS[kind]; i++) this.#table.push(kind);
    for (let n = 0; n < BASE_POOL; n++) this.#bases.push(this.#realEnvelope(BASE_ID_START + n));
  }

  /** The next payload of the sequence. */
  next(): FuzzedPayload {
    const kind = this.#table[this.#int(this.#table.length)]!;
    return { kind, payload: this.#make(kind) };
  }

  #make(kind: FuzzKind): Uint8Array {
    switch (kind) {
      case 'random':
        return this.#randomBytes(Math.floor(2 ** (this.#random() * 11)));
      case 'truncated': {
        const base = this.#base();
        return base.slice(0, 1 + this.#int(base.length - 1));
      }
      case 'bit-flipped': {
        const copy = this.#base().slice();
        const flips = 1 + this.#int(8);
        for (let i = 0; i < flips; i++) copy[this.#int(copy.length)]! ^= 1 << this.#int(8);
        return copy;
      }
      case 're-framed':
        return this.#reframe(this.#base());
      case 'wrong-key':
        return this.#wrongKey();
      case 'oversized':
        // 70 KB–1 MB, log-uniform: beyond the writer's 64 KB, which it drops as it streams in.
        return this.#randomBytes(Math.floor(70_000 * (1_000_000 / 70_000) ** this.#random()));
      case 'deeply-nested': {
        // A pool of them, made as they are first drawn: each is tens of thousands of tags.
        const slot = this.#int(NESTED_POOL);
        return (this.#nestedPool[slot] ??= this.#nested());
      }
      case 'empty':
        return new Uint8Array(0);
    }
  }

  #int(n: number): number {
    return Math.floor(this.#random() * n);
  }

  #randomBytes(length: number): Uint8Array {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) bytes[i] = this.#int(256);
    return bytes;
  }

  #base(): Uint8Array {
    return this.#bases[this.#int(this.#bases.length)]!;
  }

  /** A real envelope of one of several ports, from one of a few senders and gateways. */
  #realEnvelope(id: number): Uint8Array {
    const options = {
      id,
      from: 0x3000_0000 + this.#int(64),
      gatewayId: `!${(0x0b00_0000 + this.#int(16)).toString(16)}`,
      rxTime: 1_700_000_000 + this.#int(1_000_000),
    };
    switch (this.#int(6)) {
      case 0:
        return textEnvelope(`fuzz base ${id}`, options);
      case 1:
        return positionEnvelope({ latitudeI: 374_000_000, longitudeI: -1_220_000_000 }, options);
      case 2:
        return nodeInfoEnvelope(
          { id: `!${options.from.toString(16)}`, longName: `Fuzz ${id}`, shortName: 'FZ' },
          options,
        );
      case 3:
        return telemetryEnvelope(
          { variant: { case: 'deviceMetrics', value: { batteryLevel: 50 } } },
          options,
        );
      case 4:
        return tracerouteEnvelope({ route: [0x3000_0001, 0x3000_0002] }, options);
      default:
        return mapReportEnvelope({ longName: `Map ${id}`, latitudeI: 1, longitudeI: 2 }, options);
    }
  }

  /** An envelope sealed with a key the writer does not hold. */
  #wrongKey(): Uint8Array {
    const id = WRONG_KEY_ID_START + this.#wrongKeyIds++;
    const key =
      this.#random() < 0.5 ? SECRET_KEY : this.#randomBytes(this.#random() < 0.5 ? 16 : 32);
    return buildEnvelope({
      portnum: PORT.TEXT_MESSAGE_APP,
      payload: new TextEncoder().encode(`sealed ${id}`),
      id,
      from: 0x3100_0000 + this.#int(64),
      encryption: key,
      // Half carry the default key's channel hash: the writer then tries the default key on them.
      ...(this.#random() < 0.5 ? { hashKey: DEFAULT_KEY } : {}),
    });
  }

  /** A real envelope with its framing altered, at the top or inside its `MeshPacket`. */
  #reframe(base: Uint8Array): Uint8Array {
    const top = readFields(base)!;
    const packetAt = top.findIndex((f) => f.field === 1 && f.wire === LEN);
    if (packetAt >= 0 && this.#random() < 0.5) {
      const inner = readFields(top[packetAt]!.value);
      if (inner) {
        const altered = top.slice();
        altered[packetAt] = { ...top[packetAt]!, value: this.#alter(inner) };
        return writeFields(altered);
      }
    }
    return this.#alter(top);
  }

  /** One of: a wrong length prefix, another field number, an extra field, a wrong wire type, a repeat. */
  #alter(fields: readonly WireField[]): Uint8Array {
    const list = fields.slice();
    const at = this.#int(list.length);
    const target = list[at];
    switch (this.#int(6)) {
      case 0: {
        // A length prefix that says more or less than follows (or a field made LEN that was not).
        if (!target) break;
        const head = tag(target.field, LEN);
        const delta = [-3, -2, -1, 1, 2, 3, 100, 70_000][this.#int(8)]!;
        const length = Math.max(0, target.value.length + delta);
        const bytes = writeFields(list.slice(0, at));
        const rest = writeFields(list.slice(at + 1));
        return concat([bytes, head, varint(length), target.value, rest]);
      }
      case 1:
        if (target) list[at] = { ...target, field: 1 + this.#int(40) };
        break;
      case 2:
        list.splice(this.#int(list.length + 1), 0, this.#extraField());
        break;
      case 3:
        if (target) {
          const wire = [VARINT, I64, LEN, I32].filter((w) => w !== target.wire)[this.#int(3)]!;
          list[at] = { field: target.field, wire, value: valueFor(wire, target.value) };
        }
        break;
      case 4:
        if (target) list.splice(at, 0, target);
        break;
      default:
        for (let i = list.length - 1; i > 0; i--) {
          const j = this.#int(i + 1);
          [list[i], list[j]] = [list[j]!, list[i]!];
        }
    }
    return writeFields(list);
  }

  #extraField(): WireField {
    const field = this.#random() < 0.5 ? 1 + this.#int(20) : 100 + this.#int(10_000);
    const wire = [VARINT, I64, LEN, I32][this.#int(4)]!;
    return { field, wire, value: valueFor(wire, this.#randomBytes(this.#int(24))) };
  }

  /**
   * Protobuf nested 1,000–15,000 deep: length-delimited fields inside each other (under the
   * envelope's packet, or at the top), or groups (start tags, then as many end tags).
   */
  #nested(): Uint8Array {
    const depth = 1000 + this.#int(14_000);
    const field = [1, 4, 2, 15, 99][this.#int(5)]!;
    const bytes: number[] = [];
    if (this.#random() < 0.5) {
      const start = [...tag(field, SGROUP)];
      const end = [...tag(field, EGROUP)];
      for (let i = 0; i < depth; i++) bytes.push(...start);
      for (let i = 0; i < depth; i++) bytes.push(...end);
      return Uint8Array.from(bytes);
    }
    // Lengths from the inside out, then written from the outside in: linear, not quadratic.
    const head = [...tag(field, LEN)];
    const lengths = [0];
    while (lengths.length <= depth) {
      const inner = lengths.at(-1)!;
      const next = head.length + varint(inner).length + inner;
      if (next > 60_000) break; // below the 64 KB cut: these must reach the decoder
      lengths.push(next);
    }
    for (let k = lengths.length - 2; k >= 0; k--) bytes.push(...head, ...varint(lengths[k]!));
    return Uint8Array.from(bytes);
  }
}

function varint(value: number): Uint8Array {
  const bytes: number[] = [];
  let v = value;
  while (v >= 0x80) {
    bytes.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  bytes.push(v);
  return Uint8Array.from(bytes);
}

function tag(field: number, wire: number): Uint8Array {
  return varint(field * 8 + wire);
}

/** A value of wire type `wire` made from `bytes` (a varint, 8 or 4 bytes, or the bytes). */
function valueFor(wire: number, bytes: Uint8Array): Uint8Array {
  if (wire === VARINT) return varint(bytes.reduce((n, b) => (n * 7 + b) % 2 ** 31, 0));
  if (wire === I64) return Uint8Array.from({ length: 8 }, (_, i) => bytes[i] ?? i);
  if (wire === I32) return Uint8Array.from({ length: 4 }, (_, i) => bytes[i] ?? i);
  return bytes;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/** The fields of a well-formed message, or null when the bytes are not one. */
function readFields(bytes: Uint8Array): WireField[] | null {
  const fields: WireField[] = [];
  let at = 0;
  const readVarint = (): number | null => {
    let value = 0;
    for (let shift = 0; shift < 64; shift += 7) {
      if (at >= bytes.length) return null;
      const byte = bytes[at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    return null;
  };
  while (at < bytes.length) {
    const key = readVarint();
    if (key === null) return null;
    const field = Math.floor(key / 8);
    const wire = key % 8;
    const start = at;
    if (wire === VARINT) {
      if (readVarint() === null) return null;
      fields.push({ field, wire, value: bytes.subarray(start, at) });
    } else if (wire === I64 || wire === I32) {
      at += wire === I64 ? 8 : 4;
      if (at > bytes.length) return null;
      fields.push({ field, wire, value: bytes.subarray(start, at) });
    } else if (wire === LEN) {
      const length = readVarint();
      if (length === null || at + length > bytes.length) return null;
      fields.push({ field, wire, value: bytes.subarray(at, at + length) });
      at += length;
    } else {
      return null;
    }
  }
  return fields;
}

function writeFields(fields: readonly WireField[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const { field, wire, value } of fields) {
    parts.push(tag(field, wire));
    if (wire === LEN) parts.push(varint(value.length));
    parts.push(value);
  }
  return concat(parts);
}
