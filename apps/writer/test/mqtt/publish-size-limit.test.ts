import { describe, expect, it } from 'vitest';
import mqttPacket, { type Packet } from 'mqtt-packet';
import { CUT_PAYLOAD, PublishSizeLimit } from '../../src/mqtt/publish-size-limit.js';
import { seededRandom } from '@meshview/sim';

const LIMIT = 1024;
const big = (n: number, fill = 0x5a) => Buffer.alloc(n, fill);

/** What a broker sends a subscriber: acks, pings, and publishes small and large. */
const PACKETS: Packet[] = [
  { cmd: 'connack', returnCode: 0, sessionPresent: false },
  { cmd: 'suback', messageId: 1, granted: [1] },
  publish('msh/US/2/e/LongFast/!aabbccdd', Buffer.from('small'), 0),
  publish('msh/US/2/e/LongFast/!aabbccdd', big(300_000), 1, 7),
  { cmd: 'pingresp' },
  publish('msh/EU/2/e/MediumFast/!01020304', big(LIMIT - 2 - 31, 1), 0), // exactly the limit
  publish('msh/EU/2/e/MediumFast/!01020304', big(LIMIT - 2 - 31 + 1, 2), 0), // one byte over
  publish('t', big(20_000), 0),
  publish('msh/US/2/e/LongFast/!aabbccdd', Buffer.from('after'), 1, 9),
];

function publish(topic: string, payload: Buffer, qos: 0 | 1, messageId?: number): Packet {
  return { cmd: 'publish', topic, payload, qos, dup: false, retain: false, messageId };
}

/** The packets as they should come out: publishes over the limit with the cut payload. */
function expected(limit: number): Packet[] {
  return PACKETS.map((p) => {
    if (p.cmd !== 'publish') return p;
    const size = 2 + Buffer.byteLength(p.topic) + (p.qos > 0 ? 2 : 0) + p.payload.length;
    return size > limit ? { ...p, payload: CUT_PAYLOAD } : p;
  });
}

/** Parses what the filter passes on, as the MQTT client would: the packets' commands. */
function parse(pieces: readonly Buffer[]): string[] {
  const parser = mqttPacket.parser({ protocolVersion: 4 });
  const commands: string[] = [];
  parser.on('packet', (p) => commands.push(p.cmd));
  parser.on('error', (e) => {
    throw e;
  });
  for (const piece of pieces) parser.parse(piece);
  return commands;
}

const bytes = (packets: readonly Packet[]) =>
  Buffer.concat(packets.map((p) => mqttPacket.generate(p)));

const stream = bytes(PACKETS);

function run(chunks: readonly Buffer[], limit = LIMIT) {
  const cuts: [string, number][] = [];
  const filter = new PublishSizeLimit(limit, (topic, bytes) => cuts.push([topic, bytes]));
  const out = chunks.flatMap((c) => filter.filter(c));
  return { out, cuts };
}

function split(bytes: Buffer, next: () => number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length;) {
    const n = Math.max(1, Math.floor(next()));
    chunks.push(bytes.subarray(at, at + n));
    at += n;
  }
  return chunks;
}

describe('PublishSizeLimit', () => {
  it('passes every packet and cuts the payload off each publish over the limit, wherever the chunks break', () => {
    const random = seededRandom(42);
    const want = bytes(expected(LIMIT));
    const sizes = [
      () => 1,
      () => 2,
      () => 3,
      () => 7,
      () => 1 + random() * 40,
      () => random() * 70_000,
    ];
    for (const size of sizes) {
      for (let round = 0; round < 5; round++) {
        const { out, cuts } = run(split(stream, size));
        expect(Buffer.concat(out)).toEqual(want);
        expect(parse(out)).toEqual(PACKETS.map((p) => p.cmd));
        expect(cuts).toEqual([
          ['msh/US/2/e/LongFast/!aabbccdd', 2 + 29 + 2 + 300_000],
          ['msh/EU/2/e/MediumFast/!01020304', LIMIT + 1],
          ['t', 2 + 1 + 20_000],
        ]);
      }
    }
  });

  it('keeps nothing of a cut payload: what passes on is the other packets and the cut headers', () => {
    const { out } = run(split(stream, () => 65_536));
    const passed = out.reduce((n, b) => n + b.length, 0);
    expect(passed).toBe(bytes(expected(LIMIT)).length);
    expect(passed).toBeLessThan(3 * LIMIT);
  });

  it('hands on the very chunks that came in when nothing is over the limit', () => {
    const chunks = split(stream, () => 4096);
    const { out, cuts } = run(chunks, 1_000_000);
    expect(cuts).toEqual([]);
    expect(out).toHaveLength(chunks.length);
    out.forEach((piece, i) => expect(piece).toBe(chunks[i]));
  });

  it('passes a big publish whose topic runs past its end unchanged, for the parser to refuse', () => {
    const body = Buffer.concat([Buffer.from([0xff, 0xff]), big(LIMIT + 10)]);
    const broken = Buffer.concat([Buffer.from([0x30, ...[0x8c, 0x08]]), body]); // 1036 bytes follow
    expect(broken.length).toBe(3 + 2 + LIMIT + 10);
    const { out, cuts } = run([broken.subarray(0, 100), broken.subarray(100), stream]);
    expect(Buffer.concat(out)).toEqual(Buffer.concat([broken, bytes(expected(LIMIT))]));
    expect(cuts).toHaveLength(3);
  });

  it('steps aside for bytes that are not MQTT framing, passing them all on', () => {
    const acks = bytes(PACKETS.slice(0, 2));
    const garbage = Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x7f, 1, 2, 3]);
    const { out, cuts } = run([acks, garbage.subarray(0, 3), garbage.subarray(3), stream]);
    expect(Buffer.concat(out)).toEqual(Buffer.concat([acks, garbage, stream]));
    expect(cuts).toEqual([]);
  });
});
