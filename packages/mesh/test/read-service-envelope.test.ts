import { fromBinary } from '@bufbuild/protobuf';
import { type BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { describe, expect, it } from 'vitest';
import { decodeEnvelope } from '../src/decode-envelope.js';
import { Mesh, Mqtt } from '../src/protobufs.js';
import { readServiceEnvelope } from '../src/read-service-envelope.js';
import { findField } from '../src/wire-fields.js';
import {
  buildEnvelope,
  mapReportEnvelope,
  neighborInfoEnvelope,
  nodeInfoEnvelope,
  pkiEnvelope,
  PORT,
  positionEnvelope,
  routingEnvelope,
  telemetryEnvelope,
  textEnvelope,
  tracerouteEnvelope,
  seededRandom,
} from '@meshview/sim';
import { mutate } from './support/mutations.js';
import { randomEnvelope, wire } from './support/random-messages.js';

const hex = (bytes: Uint8Array | undefined): string | undefined =>
  bytes && Buffer.from(bytes).toString('hex');

/** The fields the ingest path reads of a Data, comparable with toEqual. */
function dataView(data: {
  portnum: number;
  payload: Uint8Array;
  wantResponse: boolean;
  bitfield?: number | undefined;
  requestId: number;
  replyId: number;
}) {
  return {
    portnum: data.portnum,
    payload: hex(data.payload),
    wantResponse: data.wantResponse,
    bitfield: data.bitfield,
    requestId: data.requestId,
    replyId: data.replyId,
  };
}

type PacketLike = NonNullable<ReturnType<typeof readServiceEnvelope>>['packet'];

function packetView(packet: PacketLike) {
  if (packet === undefined) return undefined;
  const variant = packet.payloadVariant;
  return {
    from: packet.from,
    to: packet.to,
    channel: packet.channel,
    id: packet.id,
    rxTime: packet.rxTime,
    rxSnr: packet.rxSnr,
    hopLimit: packet.hopLimit,
    hopStart: packet.hopStart,
    rxRssi: packet.rxRssi,
    pkiEncrypted: packet.pkiEncrypted,
    variant:
      variant.case === 'decoded'
        ? { decoded: dataView(variant.value as Mesh.Data) }
        : variant.case === 'encrypted'
          ? { encrypted: hex(variant.value) }
          : 'none',
  };
}

/** What protobuf-es makes of the bytes, in the shape of readServiceEnvelope's result. */
function reference(bytes: Uint8Array) {
  let envelope: Mqtt.ServiceEnvelope;
  try {
    envelope = fromBinary(Mqtt.ServiceEnvelopeSchema, bytes);
  } catch (error) {
    return { error: (error as Error).message };
  }
  const span = findField(bytes, 1);
  const packetBytes = span && bytes.subarray(span.valueStart, span.end);
  return {
    channelId: envelope.channelId,
    gatewayId: envelope.gatewayId,
    hasUnknownFields: (envelope.$unknown?.length ?? 0) > 0,
    packet: packetView(envelope.packet),
    packetBytes: hex(packetBytes),
    encryptedSpan: packetBytes && findField(packetBytes, 5),
  };
}

/** The decodeEnvelope of before the hand-written reader: protobuf-es alone. */
function referenceDecoding(bytes: Uint8Array) {
  let envelope: Mqtt.ServiceEnvelope;
  try {
    envelope = fromBinary(Mqtt.ServiceEnvelopeSchema, bytes);
  } catch (error) {
    return { ok: false, reason: `not a ServiceEnvelope: ${(error as Error).message}` };
  }
  const known = envelope.packet !== undefined || envelope.channelId !== '' || envelope.gatewayId;
  if (!known && (envelope.$unknown?.length ?? 0) > 0) {
    return { ok: false, reason: 'not a ServiceEnvelope: none of its fields, only unknown ones' };
  }
  return {
    ok: true,
    channelId: envelope.channelId,
    gatewayId: envelope.gatewayId,
    packet: packetView(envelope.packet),
  };
}

/**
 * Holds the hand-written reader against protobuf-es for `bytes`: whatever the reader reads,
 * protobuf-es reads too, to the same values and spans; and decodeEnvelope (reader first,
 * protobuf-es for the rest) gives what protobuf-es alone gives, reason included.
 * Returns whether the reader read the bytes itself.
 */
function compare(bytes: Uint8Array): boolean {
  const decoding = decodeEnvelope(bytes);
  const expected = referenceDecoding(bytes);
  expect(
    decoding.ok
      ? {
          ok: true,
          channelId: decoding.envelope.channelId,
          gatewayId: decoding.envelope.gatewayId,
          packet: packetView(decoding.envelope.packet),
        }
      : { ok: false, reason: decoding.reason },
    hex(bytes),
  ).toEqual(expected);

  const read = readServiceEnvelope(bytes);
  if (read === undefined) return false;
  expect(
    {
      channelId: read.channelId,
      gatewayId: read.gatewayId,
      hasUnknownFields: read.hasUnknownFields,
      packet: packetView(read.packet),
      packetBytes: hex(read.packetBytes),
      encryptedSpan: read.encryptedSpan,
    },
    hex(bytes),
  ).toEqual(reference(bytes));
  return true;
}

const KEY_256 = new Uint8Array(32).fill(7);

/** Envelopes as gateways send them, every port and option the builders know. */
const ENVELOPES: readonly Uint8Array[] = [
  textEnvelope('hello mesh', { id: 1, replyId: 77, rxSnr: -7.25, rxRssi: -117, hopLimit: 2 }),
  textEnvelope('x'.repeat(300), { id: 0xfffffffe, from: 0xffffffff, to: 0, rxRssi: 0, rxSnr: 0 }),
  textEnvelope('plain', { encryption: 'plain', wantResponse: true, requestId: 5, bitfield: 3 }),
  textEnvelope('bitfield zero', { encryption: 'plain', bitfield: 0 }),
  textEnvelope('aes256', { encryption: KEY_256, channel: 200, hopStart: 7, hopLimit: 0 }),
  textEnvelope('no gateway', { gatewayId: null, channelId: '' }),
  textEnvelope('unicode channel', { channelId: 'Mésh 🙂', gatewayId: '!ABCDEF01' }),
  textEnvelope('bom', { channelId: '\uFEFFLongFast', rxTime: 0xffffffff }),
  textEnvelope('nan snr', { rxSnr: Number.NaN, rxRssi: -2147483648 }),
  positionEnvelope({ latitudeI: 377749000, longitudeI: -1224194000, altitude: -5, time: 17 }),
  nodeInfoEnvelope({ id: '!1a2b3c4d', longName: 'Node', publicKey: new Uint8Array(32).fill(1) }),
  telemetryEnvelope({ variant: { case: 'deviceMetrics', value: { batteryLevel: 80 } } }),
  tracerouteEnvelope({ route: [1, 2, 0xffffffff], snrTowards: [-5, 20] }, { wantResponse: false }),
  neighborInfoEnvelope({ nodeId: 9, neighbors: [{ nodeId: 3, snr: 4.5 }] }),
  routingEnvelope({ variant: { case: 'errorReason', value: 1 } }),
  mapReportEnvelope({ longName: 'Map', latitudeI: 1, longitudeI: 2, firmwareVersion: '2.7' }),
  pkiEnvelope(),
  buildEnvelope({ portnum: PORT.WAYPOINT_APP, payload: new Uint8Array(0), encryption: 'plain' }),
  buildEnvelope({ portnum: 0, payload: Uint8Array.of(1, 2, 3), encryption: 'plain' }),
  buildEnvelope({ portnum: 5000, payload: Uint8Array.of(9), pkiEncrypted: true }),
];

const packetOf = (bytes: Uint8Array): Uint8Array => {
  const span = findField(bytes, 1)!;
  return bytes.subarray(span.valueStart, span.end);
};
const TEXT = ENVELOPES[0]!;
const PLAIN = ENVELOPES[2]!;
const envelopeAround = (packet: Uint8Array, extra: (w: BinaryWriter) => void = () => {}) =>
  wire((w) => {
    w.tag(1, WireType.LengthDelimited).bytes(packet);
    w.tag(2, WireType.LengthDelimited).string('LongFast');
    extra(w);
  });
const withPacketFields = (base: Uint8Array, write: (w: BinaryWriter) => void) =>
  envelopeAround(Uint8Array.from([...packetOf(base), ...wire(write)]));

/** Layouts protobuf allows or tolerates that builders do not produce, and outright errors. */
const ODD: Record<string, Uint8Array> = {
  empty: new Uint8Array(0),
  'unknown envelope fields of every wire type': envelopeAround(packetOf(TEXT), (w) => {
    w.tag(9, WireType.Varint).uint32(300);
    w.tag(10, WireType.Bit64).fixed64(5n);
    w.tag(11, WireType.LengthDelimited).bytes(Uint8Array.of(1, 2));
    w.tag(12, WireType.Bit32).fixed32(7);
  }),
  'only unknown envelope fields': wire((w) => w.tag(9, WireType.Varint).uint32(1)),
  'an empty channel id and an unknown field': wire((w) => {
    w.tag(2, WireType.LengthDelimited).string('');
    w.tag(9, WireType.Varint).uint32(1);
  }),
  'unknown packet fields': withPacketFields(TEXT, (w) => {
    w.tag(30, WireType.Varint).int32(-1);
    w.tag(31, WireType.LengthDelimited).bytes(Uint8Array.of(5));
    w.tag(536870911, WireType.Bit32).fixed32(1);
  }),
  'an unknown group in the packet': withPacketFields(TEXT, (w) => {
    w.tag(30, WireType.StartGroup).tag(1, WireType.Varint).uint32(1).tag(30, WireType.EndGroup);
  }),
  'a stray end group': withPacketFields(TEXT, (w) => w.tag(30, WireType.EndGroup)),
  'from twice (the last wins)': withPacketFields(TEXT, (w) => w.tag(1, WireType.Bit32).fixed32(9)),
  'rx_rssi as a 10-byte negative varint': withPacketFields(TEXT, (w) =>
    w.tag(12, WireType.Varint).int32(-100),
  ),
  'channel and hop_limit as 10-byte varints': withPacketFields(TEXT, (w) => {
    w.tag(3, WireType.Varint).int64(-2n);
    w.tag(9, WireType.Varint).int64(0x1_2345_6789n);
  }),
  'pki_encrypted as 2 and as a two-byte varint': withPacketFields(TEXT, (w) => {
    w.tag(17, WireType.Varint).uint32(2);
    w.tag(10, WireType.Varint).raw(Uint8Array.of(0x80, 0x00));
  }),
  'every other MeshPacket field': withPacketFields(TEXT, (w) => {
    w.tag(10, WireType.Varint).bool(true);
    w.tag(11, WireType.Varint).int32(70);
    w.tag(13, WireType.Varint).int32(2);
    w.tag(14, WireType.Varint).bool(true);
    w.tag(16, WireType.LengthDelimited).bytes(new Uint8Array(32).fill(2));
    w.tag(18, WireType.Varint).uint32(0x4d);
    w.tag(19, WireType.Varint).uint32(0x12);
    w.tag(20, WireType.Varint).uint32(5000);
    w.tag(21, WireType.Varint).int32(-1);
  }),
  'from sent as a varint (wrong wire type)': withPacketFields(TEXT, (w) =>
    w.tag(1, WireType.Varint).uint32(5),
  ),
  'channel sent as fixed32 (wrong wire type)': withPacketFields(TEXT, (w) =>
    w.tag(3, WireType.Bit32).fixed32(5),
  ),
  'channel_id sent as a varint (wrong wire type)': envelopeAround(packetOf(TEXT), (w) =>
    w.tag(2, WireType.Varint).uint32(5),
  ),
  'encrypted twice': withPacketFields(TEXT, (w) =>
    w.tag(5, WireType.LengthDelimited).bytes(Uint8Array.of(1, 2, 3)),
  ),
  'decoded after encrypted': withPacketFields(TEXT, (w) =>
    w.tag(4, WireType.LengthDelimited).bytes(wire((d) => d.tag(1, WireType.Varint).int32(1))),
  ),
  'decoded twice (merged)': withPacketFields(PLAIN, (w) =>
    w.tag(4, WireType.LengthDelimited).bytes(wire((d) => d.tag(7, WireType.Bit32).fixed32(3))),
  ),
  'the packet twice (merged)': envelopeAround(packetOf(TEXT), (w) =>
    w.tag(1, WireType.LengthDelimited).bytes(wire((p) => p.tag(6, WireType.Bit32).fixed32(8))),
  ),
  'unknown Data fields, a negative portnum, dest, source and emoji': envelopeAround(
    wire((p) => {
      p.tag(6, WireType.Bit32).fixed32(4);
      p.tag(4, WireType.LengthDelimited).bytes(
        wire((d) => {
          d.tag(1, WireType.Varint).int32(-3);
          d.tag(4, WireType.Bit32).fixed32(1);
          d.tag(5, WireType.Bit32).fixed32(2);
          d.tag(8, WireType.Bit32).fixed32(3);
          d.tag(20, WireType.LengthDelimited).string('?');
          d.tag(9, WireType.Varint).uint32(0xffffffff);
        }),
      );
    }),
  ),
  'invalid UTF-8 in gateway_id': envelopeAround(packetOf(TEXT), (w) =>
    w.tag(3, WireType.LengthDelimited).bytes(Uint8Array.of(0x21, 0xc3, 0x28)),
  ),
  'field number 0': Uint8Array.of(0x00, 0x01),
  'wire type 7': Uint8Array.of(0x0f, 0x01),
  'a six-byte tag': Uint8Array.of(0x88, 0x80, 0x80, 0x80, 0x80, 0x00, 0x01),
  'an eleven-byte varint': Uint8Array.of(0x48, ...new Array<number>(10).fill(0xff), 0x01),
  'a packet length past the end': Uint8Array.of(0x0a, 0x7f, 0x0d, 1, 2, 3, 4),
  // protobuf-es bounds a field by the buffer, not by its message: a field may run on past the
  // end of the packet into the envelope. Not ours to imitate, but to hand over.
  'a packet field running past the packet': Uint8Array.of(0x0a, 0x02, 0x0d, 1, 2, 3, 4),
};

describe('readServiceEnvelope against protobuf-es', () => {
  it('reads every envelope the builders make itself, as protobuf-es does', () => {
    for (const envelope of ENVELOPES) expect(compare(envelope), hex(envelope)).toBe(true);
  });

  it.each(Object.entries(ODD))('agrees on %s', (_name, bytes) => {
    compare(bytes);
  });

  it('reads the unusual layouts it can, leaves the others to protobuf-es', () => {
    const readHere = Object.entries(ODD)
      .filter(([, bytes]) => readServiceEnvelope(bytes) !== undefined)
      .map(([name]) => name);
    expect(readHere).toEqual([
      'empty',
      'unknown envelope fields of every wire type',
      'only unknown envelope fields',
      'an empty channel id and an unknown field',
      'unknown packet fields',
      'from twice (the last wins)',
      'rx_rssi as a 10-byte negative varint',
      'channel and hop_limit as 10-byte varints',
      'every other MeshPacket field',
      'unknown Data fields, a negative portnum, dest, source and emoji',
    ]);
  });

  it('agrees on 4,000 damaged envelopes (flipped, cut, inserted, deleted, appended, repeated)', () => {
    const next = seededRandom(0xd1ff);
    const bases = [...ENVELOPES, ...Object.values(ODD)];
    let readHere = 0;
    for (let i = 0; i < 4000; i++) {
      let bytes = bases[i % bases.length]!;
      for (let rounds = next() < 0.8 ? 1 : 2; rounds > 0; rounds--) {
        bytes = mutate(bytes, next);
      }
      if (compare(bytes)) readHere += 1;
    }
    // Enough of them are still well-formed for the comparison to mean something.
    expect(readHere).toBeGreaterThan(350);
  });

  it('reads 1,500 random well-formed envelopes itself, as protobuf-es does', () => {
    const next = seededRandom(0x600d);
    for (let i = 0; i < 1500; i++) {
      const envelope = randomEnvelope(next);
      expect(compare(envelope), hex(envelope)).toBe(true);
    }
  });

  it('agrees on 3,000 random buffers', () => {
    const next = seededRandom(0xbad);
    for (let i = 0; i < 3000; i++) {
      compare(Uint8Array.from({ length: Math.floor(next() * 120) }, () => next() * 256));
    }
  });
});
