import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { WireType } from '@bufbuild/protobuf/wire';
import { describe, expect, it } from 'vitest';
import { isProtobufWire } from '../src/is-protobuf-wire.js';
import { Mesh } from '../src/protobufs.js';
import { readData } from '../src/read-data.js';
import { seededRandom } from '@meshview/sim';
import { mutate } from './support/mutations.js';
import { randomData, wire } from './support/random-messages.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

const view = (data: Mesh.Data | NonNullable<ReturnType<typeof readData>>) => ({
  portnum: data.portnum,
  payload: hex(data.payload),
  wantResponse: data.wantResponse,
  bitfield: data.bitfield,
  requestId: data.requestId,
  replyId: data.replyId,
});

/**
 * Holds readData against protobuf-es for `bytes`: what it reads, protobuf-es reads to the same
 * values, and the cheap pre-check the decryption used to rely on passes. Returns whether
 * readData read the bytes itself.
 */
function compare(bytes: Uint8Array): boolean {
  const read = readData(bytes);
  if (read === undefined) return false;
  expect(isProtobufWire(bytes), hex(bytes)).toBe(true);
  expect(view(read), hex(bytes)).toEqual(view(fromBinary(Mesh.DataSchema, bytes)));
  return true;
}

const DATA: readonly Uint8Array[] = [
  new Uint8Array(0),
  toBinary(Mesh.DataSchema, create(Mesh.DataSchema, { portnum: 1, payload: Uint8Array.of(104) })),
  toBinary(
    Mesh.DataSchema,
    create(Mesh.DataSchema, {
      portnum: 70,
      payload: new Uint8Array(200).fill(9),
      wantResponse: true,
      dest: 1,
      source: 2,
      requestId: 0xffffffff,
      replyId: 4,
      emoji: 1,
      bitfield: 0,
    }),
  ),
  wire((w) => {
    w.tag(1, WireType.Varint).int32(-1);
    w.tag(9, WireType.Varint).uint32(2);
    w.tag(1, WireType.Varint).int32(3); // the last value wins
    w.tag(12, WireType.Bit64).fixed64(1n);
  }),
];

describe('readData against protobuf-es', () => {
  it('reads Data as protobuf-es does, also with unknown fields and repeated values', () => {
    for (const data of DATA) expect(compare(data), hex(data)).toBe(true);
  });

  it('leaves odd layouts to protobuf-es', () => {
    const odd = [
      wire((w) => w.tag(1, WireType.Bit32).fixed32(1)), // portnum with the wrong wire type
      wire((w) => w.tag(3, WireType.Varint).raw(Uint8Array.of(0x81, 0x00))), // a two-byte bool
      wire((w) => w.tag(20, WireType.StartGroup).tag(20, WireType.EndGroup)),
      Uint8Array.of(0x12, 0x05, 1, 2), // payload past the end
    ];
    for (const bytes of odd) expect(readData(bytes), hex(bytes)).toBeUndefined();
  });

  it('reads 1,500 random well-formed Data itself, as protobuf-es does', () => {
    const next = seededRandom(0xda7a);
    for (let i = 0; i < 1500; i++) {
      const data = randomData(next);
      expect(compare(data), hex(data)).toBe(true);
    }
  });

  it('agrees on 3,000 damaged Data and 3,000 random buffers (what a wrong key gives)', () => {
    const next = seededRandom(0xfeed);
    let readHere = 0;
    for (let i = 0; i < 3000; i++) {
      if (compare(mutate(i % 2 ? randomData(next) : DATA[i % DATA.length]!, next))) readHere += 1;
      compare(Uint8Array.from({ length: Math.floor(next() * 64) }, () => next() * 256));
    }
    expect(readHere).toBeGreaterThan(300);
  });
});
