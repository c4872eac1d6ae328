/**
 * Random well-formed Meshtastic messages for differential tests, encoded by protobuf-es: every
 * field of ServiceEnvelope, MeshPacket and Data with values from the edges of their types,
 * present or not, fields in random order, unknown fields of every wire type here and there.
 */
import { create, toBinary } from '@bufbuild/protobuf';
import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { Mesh, Mqtt } from '../../src/protobufs.js';

/** Bytes written field by field with protobuf-es's writer. */
export function wire(write: (w: BinaryWriter) => void): Uint8Array {
  const writer = new BinaryWriter();
  write(writer);
  return writer.finish();
}

class RandomMessages {
  constructor(readonly next: () => number) {}

  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  maybe(): boolean {
    return this.next() < 0.5;
  }
  uint32(): number {
    return [0, 1, 127, 128, 0xffffffff, this.int(2 ** 32)][this.int(6)]!;
  }
  int32(): number {
    return [0, -1, -128, 2147483647, -2147483648, this.int(2 ** 32) | 0][this.int(6)]!;
  }
  bytes(): Uint8Array {
    return Uint8Array.from({ length: this.int(40) }, () => this.int(256));
  }
  text(): string {
    return ['', 'LongFast', 'Mésh 🙂', '\uFEFFx', '!a1b2c3d4', 'é'.repeat(70)][this.int(6)]!;
  }

  /** Protobuf-es's encoding of a message, its fields in random order, unknown fields added. */
  shuffled(encoded: Uint8Array): Uint8Array {
    const fields: Uint8Array[] = [];
    for (let at = 0; at < encoded.length;) {
      const end = nextField(encoded, at);
      fields.push(encoded.subarray(at, end));
      at = end;
    }
    for (let n = this.int(3); n > 0; n--) {
      const no = 40 + this.int(100);
      const kind = this.int(4);
      fields.push(
        wire((w) => {
          if (kind === 0) w.tag(no, WireType.Varint).int32(this.int32());
          else if (kind === 1) w.tag(no, WireType.Bit64).fixed64(BigInt(this.uint32()));
          else if (kind === 2) w.tag(no, WireType.LengthDelimited).bytes(this.bytes());
          else w.tag(no, WireType.Bit32).fixed32(this.uint32());
        }),
      );
    }
    for (let i = fields.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [fields[i], fields[j]] = [fields[j]!, fields[i]!];
    }
    return Uint8Array.from(fields.flatMap((f) => [...f]));
  }

  data(): Uint8Array {
    const data = create(Mesh.DataSchema, {
      portnum: this.maybe() ? this.int(300) : this.int32(),
      payload: this.bytes(),
      wantResponse: this.maybe(),
      dest: this.uint32(),
      source: this.uint32(),
      requestId: this.uint32(),
      replyId: this.uint32(),
      emoji: this.uint32(),
      ...(this.maybe() ? { bitfield: this.uint32() } : {}),
    });
    return this.shuffled(toBinary(Mesh.DataSchema, data));
  }

  position(): Uint8Array {
    const optional = (value: () => number) => (this.maybe() ? value() : undefined);
    const position = create(Mesh.PositionSchema, {
      latitudeI: optional(() => this.int32()),
      longitudeI: optional(() => this.int32()),
      altitude: optional(() => this.int32()),
      time: this.uint32(),
      timestamp: this.uint32(),
      satsInView: this.uint32(),
      precisionBits: this.uint32(),
    });
    // Every other field, as varints (each is int32, sint32, uint32 or an enum).
    const rest = wire((w) => {
      for (let no = 5; no <= 23; no++) {
        if (no !== 7 && this.maybe()) w.tag(no, WireType.Varint).int32(this.int32());
      }
    });
    return this.shuffled(Uint8Array.from([...toBinary(Mesh.PositionSchema, position), ...rest]));
  }

  envelope(): Uint8Array {
    const packet = create(Mesh.MeshPacketSchema, {
      from: this.uint32(),
      to: this.uint32(),
      channel: this.uint32(),
      id: this.uint32(),
      rxTime: this.uint32(),
      rxSnr: [0, -0, 6.25, -20.75, Number.NaN, Infinity, 3.4e38][this.int(7)]!,
      hopLimit: this.uint32(),
      wantAck: this.maybe(),
      priority: this.int32(),
      rxRssi: this.int32(),
      delayed: this.int32(),
      viaMqtt: this.maybe(),
      hopStart: this.uint32(),
      publicKey: this.maybe() ? this.bytes() : new Uint8Array(0),
      pkiEncrypted: this.maybe(),
      nextHop: this.uint32(),
      relayNode: this.uint32(),
      txAfter: this.uint32(),
      transportMechanism: this.int32(),
    });
    const variant = this.int(3);
    const packetBytes = this.shuffled(
      Uint8Array.from([
        ...toBinary(Mesh.MeshPacketSchema, packet),
        ...wire((w) => {
          if (variant === 0) w.tag(4, WireType.LengthDelimited).bytes(this.data());
          else if (variant === 1) w.tag(5, WireType.LengthDelimited).bytes(this.bytes());
        }),
      ]),
    );
    const envelope = create(Mqtt.ServiceEnvelopeSchema, {
      channelId: this.text(),
      gatewayId: this.text(),
    });
    const withPacket = this.int(8) > 0;
    return this.shuffled(
      Uint8Array.from([
        ...toBinary(Mqtt.ServiceEnvelopeSchema, envelope),
        ...wire((w) => {
          if (withPacket) w.tag(1, WireType.LengthDelimited).bytes(packetBytes);
        }),
      ]),
    );
  }
}

/** Where the field starting at `at` ends (in bytes protobuf-es wrote: no groups). */
function nextField(bytes: Uint8Array, at: number): number {
  const reader = new BinaryReader(bytes.subarray(at));
  const [, wireType] = reader.tag();
  reader.skip(wireType);
  return at + reader.pos;
}

/** A random well-formed serialized `ServiceEnvelope` (a MeshPacket in 7 of 8). */
export function randomEnvelope(next: () => number): Uint8Array {
  return new RandomMessages(next).envelope();
}

/** A random well-formed serialized `Position`. */
export function randomPosition(next: () => number): Uint8Array {
  return new RandomMessages(next).position();
}

/** A random well-formed serialized `Data`. */
export function randomData(next: () => number): Uint8Array {
  return new RandomMessages(next).data();
}
