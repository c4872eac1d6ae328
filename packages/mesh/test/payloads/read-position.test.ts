import { fromBinary } from '@bufbuild/protobuf';
import { WireType } from '@bufbuild/protobuf/wire';
import { describe, expect, it } from 'vitest';
import { readPosition } from '../../src/payloads/read-position.js';
import { Mesh } from '../../src/protobufs.js';
import { seededRandom } from '@meshview/sim';
import { mutate } from '../support/mutations.js';
import { randomPosition, wire } from '../support/random-messages.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** What readPosition reads, protobuf-es reads too, to the same coordinates and precision. */
function compare(bytes: Uint8Array): boolean {
  const read = readPosition(bytes);
  if (read === undefined) return false;
  const position = fromBinary(Mesh.PositionSchema, bytes);
  expect(read, hex(bytes)).toEqual({
    latitudeI: position.latitudeI,
    longitudeI: position.longitudeI,
    precisionBits: position.precisionBits,
  });
  return true;
}

describe('readPosition against protobuf-es', () => {
  it('reads 1,500 random well-formed positions itself, as protobuf-es does', () => {
    const next = seededRandom(0x905);
    for (let i = 0; i < 1500; i++) {
      const bytes = randomPosition(next);
      expect(compare(bytes), hex(bytes)).toBe(true);
    }
  });

  it('leaves odd layouts to protobuf-es', () => {
    const odd = [
      wire((w) => w.tag(1, WireType.Varint).int32(5)), // latitude_i with the wrong wire type
      wire((w) => w.tag(3, WireType.Bit32).fixed32(5)), // altitude likewise
      wire((w) => w.tag(30, WireType.StartGroup).tag(30, WireType.EndGroup)),
      Uint8Array.of(0x0d, 1, 2, 3), // latitude_i cut short
    ];
    for (const bytes of odd) expect(readPosition(bytes), hex(bytes)).toBeUndefined();
  });

  it('agrees on 3,000 damaged positions', () => {
    const next = seededRandom(0x906);
    let readHere = 0;
    for (let i = 0; i < 3000; i++) {
      if (compare(mutate(randomPosition(next), next))) readHere += 1;
    }
    expect(readHere).toBeGreaterThan(300);
  });
});
