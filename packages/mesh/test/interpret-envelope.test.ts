import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import {
  createKeyRing,
  interpretEnvelope,
  type EnvelopeResult,
  type InterpretContext,
  type PacketRecord,
} from '../src/index.js';
import { Mesh, Mqtt } from '../src/protobufs.js';
import {
  BROADCAST,
  buildEnvelope,
  DEFAULT_FROM,
  DEFAULT_KEY,
  encryptData,
  expectedChannelHash,
  freshPacketId,
  mapReportEnvelope,
  neighborInfoEnvelope,
  nodeInfoEnvelope,
  pkiEnvelope,
  PORT,
  positionEnvelope,
  routeDiscoveryBytes,
  routingEnvelope,
  telemetryEnvelope,
  textEnvelope,
  topicFor,
  tracerouteEnvelope,
} from '@meshview/sim';

const NOW_US = 1_700_000_123_456_789;
const KEY_128 = Uint8Array.from({ length: 16 }, (_, i) => 0x10 + i * 3);
const KEY_256 = Uint8Array.from({ length: 32 }, (_, i) => 0xa0 ^ (i * 11));
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

const context = (overrides: Partial<InterpretContext> = {}): InterpretContext => ({
  keyRing: createKeyRing([b64(KEY_128), b64(KEY_256), 'Ag==']),
  skipNodeIds: new Set(),
  nowUs: NOW_US,
  ...overrides,
});

const TOPIC = topicFor();

function record(result: EnvelopeResult): PacketRecord {
  if (result.kind !== 'packet') throw new Error(`expected a packet, got ${JSON.stringify(result)}`);
  return result.record;
}

const interpret = (payload: Uint8Array, topic = TOPIC, ctx = context()): PacketRecord =>
  record(interpretEnvelope(topic, payload, ctx));

const storedPacket = (rec: PacketRecord): Mesh.MeshPacket =>
  fromBinary(Mesh.MeshPacketSchema, rec.packet.payload);

describe('interpretEnvelope: a text message on LongFast with the default key', () => {
  const id = freshPacketId();
  const payload = textEnvelope('hello mesh', {
    id,
    to: 0x01020304,
    rxTime: 1_700_000_001,
    rxSnr: -7.5,
    rxRssi: -117,
    hopLimit: 2,
    hopStart: 5,
    replyId: 77,
  });
  const rec = interpret(payload);

  it('is decrypted with the default key (index 0)', () => {
    expect(rec.decryption).toBe('decrypted');
    expect(rec.keyIndex).toBe(0);
  });

  it('gives the packet row MeshView stores', () => {
    expect(rec.packet).toMatchObject({
      id,
      portnum: PORT.TEXT_MESSAGE_APP,
      from_node_id: DEFAULT_FROM,
      to_node_id: 0x01020304,
      import_time_us: NOW_US,
      channel: 'LongFast',
    });
  });

  it('stores the MeshPacket with decoded filled in, header as received', () => {
    const stored = storedPacket(rec);
    expect(stored.payloadVariant.case).toBe('decoded');
    const data = stored.payloadVariant.value as Mesh.Data;
    expect(data.portnum).toBe(PORT.TEXT_MESSAGE_APP);
    expect(Buffer.from(data.payload).toString()).toBe('hello mesh');
    expect(data.replyId).toBe(77);
    expect(stored).toMatchObject({ id, from: DEFAULT_FROM, channel: 8, rxTime: 1_700_000_001 });
  });

  it('stores exactly the bytes a fresh encoding of that MeshPacket gives', () => {
    const stored = storedPacket(rec);
    expect(Buffer.from(rec.packet.payload)).toEqual(
      Buffer.from(toBinary(Mesh.MeshPacketSchema, stored)),
    );
  });

  it('gives the packet_seen row of the gateway', () => {
    expect(rec.gatewayNodeId).toBe(0x0a0b0c0d);
    expect(rec.seen).toEqual({
      packet_id: id,
      node_id: 0x0a0b0c0d,
      rx_time: 1_700_000_001,
      hop_limit: 2,
      hop_start: 5,
      channel: 'LongFast',
      rx_snr: -7.5,
      rx_rssi: -117,
      topic: TOPIC,
      import_time_us: NOW_US,
    });
  });

  it('decodes the text and writes no other rows', () => {
    expect(rec.decoded).toEqual({
      portnum: 1,
      port: 'TEXT_MESSAGE_APP',
      value: 'hello mesh',
      replyId: 77,
    });
    expect(rec.nodes).toEqual([]);
    expect(rec.publicKey).toBeNull();
    expect(rec.traceroute).toBeNull();
  });

  it('leaves the caller’s bytes alone', () => {
    const copy = Uint8Array.from(payload);
    interpretEnvelope(TOPIC, payload, context());
    expect(payload).toEqual(copy);
  });
});

describe('interpretEnvelope: keys and decryption', () => {
  it('decrypts MediumFast (channel hash 31) with the default key', () => {
    const rec = interpret(
      textEnvelope('medium', { channelId: 'MediumFast' }),
      topicFor({ channelId: 'MediumFast' }),
    );
    expect(storedPacket(rec).channel).toBe(31);
    expect(rec).toMatchObject({ decryption: 'decrypted', keyIndex: 0 });
    expect(rec.decoded?.value).toBe('medium');
  });

  it('decrypts with a 16-byte key (AES-128)', () => {
    const rec = interpret(
      textEnvelope('aes128', { channelId: 'Private', encryption: KEY_128 }),
      topicFor({ channelId: 'Private' }),
    );
    expect(rec).toMatchObject({ decryption: 'decrypted', keyIndex: 1 });
    expect(rec.decoded?.value).toBe('aes128');
  });

  it('decrypts with a 32-byte key (AES-256)', () => {
    const rec = interpret(
      textEnvelope('aes256', { channelId: 'Ops', encryption: KEY_256 }),
      topicFor({ channelId: 'Ops' }),
    );
    expect(rec).toMatchObject({ decryption: 'decrypted', keyIndex: 2 });
    expect(rec.decoded?.value).toBe('aes256');
  });

  it('decrypts with a shorthand key (Ag== = default key with last byte 0x02)', () => {
    const key = Buffer.from(DEFAULT_KEY);
    key[15] = 0x02;
    const rec = interpret(
      textEnvelope('shorthand', { channelId: 'Friends', encryption: key }),
      topicFor({ channelId: 'Friends' }),
    );
    expect(rec).toMatchObject({ decryption: 'decrypted', keyIndex: 3 });
    expect(rec.decoded?.value).toBe('shorthand');
  });

  it('decrypts with a short key zero-padded as the firmware pads it', () => {
    const padded = new Uint8Array(16);
    padded.set([1, 2, 3, 4, 5]);
    const ring = createKeyRing([b64(Uint8Array.of(1, 2, 3, 4, 5))]);
    const rec = interpret(
      textEnvelope('short', { channelId: 'Short', encryption: padded }),
      topicFor({ channelId: 'Short' }),
      context({ keyRing: ring }),
    );
    expect(rec).toMatchObject({ decryption: 'decrypted', keyIndex: 1 });
  });

  it('falls back to the keys whose channel hash does not match', () => {
    // Channel hash of a name the topic and envelope do not carry: no key fits, all are tried.
    const rec = interpret(
      textEnvelope('renamed', { channelId: 'Renamed', encryption: KEY_256, channel: 123 }),
      topicFor({ channelId: 'Renamed' }),
    );
    expect(rec).toMatchObject({ decryption: 'decrypted', keyIndex: 2 });
  });

  it('uses the topic’s channel name as well as the envelope’s for the hash', () => {
    const hash = expectedChannelHash('TopicName', KEY_128);
    const rec = interpret(
      textEnvelope('by topic', { channelId: 'Other', encryption: KEY_128, channel: hash }),
      topicFor({ channelId: 'TopicName' }),
    );
    expect(rec).toMatchObject({ decryption: 'decrypted', keyIndex: 1 });
  });

  it('keeps a packet no key opens: undecryptable, portnum 0, ciphertext stored', () => {
    const wrongKey = new Uint8Array(16).fill(0x99);
    const id = freshPacketId();
    const ciphertext = encryptData(
      { portnum: PORT.TEXT_MESSAGE_APP, payload: Buffer.from('secret') },
      { key: wrongKey, id, from: DEFAULT_FROM },
    );
    const rec = interpret(textEnvelope('secret', { id, encryption: wrongKey }));
    expect(rec).toMatchObject({
      decryption: 'undecryptable',
      keyIndex: null,
      decoded: null,
      nodes: [],
      publicKey: null,
      traceroute: null,
    });
    expect(rec.packet).toMatchObject({ id, portnum: 0, from_node_id: DEFAULT_FROM });
    const stored = storedPacket(rec);
    expect(stored.payloadVariant.case).toBe('encrypted');
    expect(stored.payloadVariant.value).toEqual(ciphertext);
    expect(rec.seen).not.toBeNull();
  });

  it('rejects a decryption whose Data has portnum 0', () => {
    const rec = interpret(buildEnvelope({ portnum: 0, payload: Buffer.from('zero') }));
    expect(rec).toMatchObject({ decryption: 'undecryptable', packet: { portnum: 0 } });
  });

  it('reads a packet sent in the clear as plain', () => {
    const rec = interpret(textEnvelope('clear', { encryption: 'plain' }));
    expect(rec).toMatchObject({ decryption: 'plain', keyIndex: null, packet: { portnum: 1 } });
    expect(rec.decoded?.value).toBe('clear');
    expect(storedPacket(rec).payloadVariant.case).toBe('decoded');
  });

  it('reads a packet on the old /2/c/ topic and under many root levels', () => {
    for (const topic of [
      'msh/2/c/LongFast/!0a0b0c0d',
      'msh/US/CA/SacValley/North/2/e/LongFast/!0a0b0c0d',
    ]) {
      const rec = interpret(textEnvelope('x'), topic);
      expect(rec).toMatchObject({ decryption: 'decrypted', seen: { topic } });
    }
  });
});

describe('interpretEnvelope: PKI', () => {
  it('labels a pki_encrypted direct message pki and keeps its ciphertext', () => {
    const rec = interpret(pkiEnvelope(), topicFor({ channelId: 'PKI' }));
    expect(rec).toMatchObject({
      decryption: 'pki',
      keyIndex: null,
      decoded: null,
      packet: { portnum: 0, channel: 'PKI', to_node_id: 0x0badcafe },
    });
    expect(storedPacket(rec).payloadVariant.case).toBe('encrypted');
  });

  it('recognises PKI by channel_id or topic alone', () => {
    expect(interpret(pkiEnvelope({ pkiEncrypted: false })).decryption).toBe('pki');
    expect(
      interpret(
        pkiEnvelope({ pkiEncrypted: false, channelId: 'LongFast' }),
        topicFor({ channelId: 'PKI' }),
      ).decryption,
    ).toBe('pki');
  });

  it('takes a direct message on channel 0 that no key fits for PKI', () => {
    const rec = interpret(pkiEnvelope({ pkiEncrypted: false, channelId: 'LongFast' }));
    expect(rec.decryption).toBe('pki');
  });

  it('does not take a broadcast on channel 0 for PKI', () => {
    const rec = interpret(
      pkiEnvelope({ pkiEncrypted: false, channelId: 'LongFast', to: BROADCAST }),
    );
    expect(rec.decryption).toBe('undecryptable');
  });
});

describe('interpretEnvelope: NODEINFO', () => {
  const publicKey = Uint8Array.from({ length: 32 }, (_, i) => i);

  it('upserts the node named by User.id with enum names, and records its public key', () => {
    const rec = interpret(
      nodeInfoEnvelope({
        id: '!1a2b3c4d',
        longName: 'Base Camp',
        shortName: 'BC',
        hwModel: 9,
        role: 1,
        publicKey,
      }),
    );
    expect(rec.packet.portnum).toBe(PORT.NODEINFO_APP);
    expect(rec.nodes).toEqual([
      {
        id: '!1a2b3c4d',
        node_id: 0x1a2b3c4d,
        long_name: 'Base Camp',
        short_name: 'BC',
        hw_model: 'RAK4631',
        role: 'CLIENT_MUTE',
        channel: 'LongFast',
        seen_us: NOW_US,
      },
    ]);
    expect(rec.publicKey).toEqual({
      node_id: 0x1a2b3c4d,
      public_key: Buffer.from(publicKey).toString('hex'),
      seen_us: NOW_US,
    });
    expect(rec.decoded).toMatchObject({
      port: 'NODEINFO_APP',
      value: { id: '!1a2b3c4d', longName: 'Base Camp', hwModel: 'RAK4631', role: 'CLIENT_MUTE' },
    });
  });

  it('names hardware and roles the library lacks unknown(N)', () => {
    const rec = interpret(nodeInfoEnvelope({ id: '!00000abc', hwModel: 9999, role: 77 }));
    expect(rec.nodes[0]).toMatchObject({ hw_model: 'unknown(9999)', role: 'unknown(77)' });
  });

  it('names the zero values UNSET and CLIENT', () => {
    const rec = interpret(nodeInfoEnvelope({ id: '!00000abc' }));
    expect(rec.nodes[0]).toMatchObject({ hw_model: 'UNSET', role: 'CLIENT' });
  });

  it('keys the node as !%08x whatever the case and length of User.id', () => {
    const rec = interpret(nodeInfoEnvelope({ id: '!ABC', longName: 'Short id' }));
    expect(rec.nodes[0]).toMatchObject({ id: '!00000abc', node_id: 0xabc });
  });

  it('writes no node or key when User.id is not a node’s !hex, but keeps the packet', () => {
    for (const id of ['', 'abcd1234', '!xyz', '!123456789', '!00000000', '!ffffffff']) {
      const rec = interpret(nodeInfoEnvelope({ id, longName: 'Bad', publicKey }));
      expect(rec.nodes).toEqual([]);
      expect(rec.publicKey).toBeNull();
      expect(rec.packet.portnum).toBe(PORT.NODEINFO_APP);
    }
  });

  it('writes no public key row when the user has none', () => {
    expect(interpret(nodeInfoEnvelope({ id: '!1a2b3c4d' })).publicKey).toBeNull();
  });
});

describe('interpretEnvelope: MAP_REPORT', () => {
  const report = {
    longName: 'Hilltop',
    shortName: 'HT',
    role: 2,
    hwModel: 43,
    firmwareVersion: '2.7.15.567b8ea',
    region: 1,
    modemPreset: 0,
    latitudeI: 377_749_000,
    longitudeI: -1_224_194_000,
    altitude: 120,
    positionPrecision: 14,
    numOnlineLocalNodes: 12,
  };

  it('upserts the sender with names, hardware, role, firmware and position', () => {
    const from = 0x0c0ffee0;
    const rec = interpret(mapReportEnvelope(report, { from }), 'msh/US/2/map/');
    expect(rec.decryption).toBe('plain');
    expect(rec.nodes).toEqual([
      {
        id: '!0c0ffee0',
        node_id: from,
        long_name: 'Hilltop',
        short_name: 'HT',
        hw_model: 'HELTEC_V3',
        role: 'ROUTER',
        firmware: '2.7.15.567b8ea',
        last_lat: 377_749_000,
        last_long: -1_224_194_000,
        precision_bits: 14,
        channel: 'LongFast',
        seen_us: NOW_US,
      },
    ]);
    // Stored like any packet, seen by the node itself as its own gateway.
    expect(rec.packet).toMatchObject({ portnum: PORT.MAP_REPORT_APP, from_node_id: from });
    expect(rec.seen).toMatchObject({ node_id: from, topic: 'msh/US/2/map/' });
    expect(rec.decoded).toMatchObject({
      port: 'MAP_REPORT_APP',
      value: { longName: 'Hilltop', hwModel: 'HELTEC_V3', firmwareVersion: '2.7.15.567b8ea' },
    });
  });

  it('is read on a map topic without the trailing slash', () => {
    const rec = interpret(mapReportEnvelope(report), 'msh/EU_868/DE/2/map');
    expect(rec.nodes).toHaveLength(1);
  });

  it('leaves the position alone when the report has none', () => {
    const rec = interpret(mapReportEnvelope({ ...report, latitudeI: 0, longitudeI: 0 }));
    expect(rec.nodes[0]).not.toHaveProperty('last_lat');
    expect(rec.nodes[0]).not.toHaveProperty('last_long');
    expect(rec.nodes[0]).not.toHaveProperty('precision_bits');
    expect(rec.nodes[0]).toMatchObject({ firmware: '2.7.15.567b8ea' });
  });

  it('gives unknown(N) for a hardware model and role newer than the library', () => {
    const rec = interpret(mapReportEnvelope({ ...report, hwModel: 4000, role: 99 }));
    expect(rec.nodes[0]).toMatchObject({ hw_model: 'unknown(4000)', role: 'unknown(99)' });
  });
});

describe('interpretEnvelope: POSITION', () => {
  it('moves the sender’s node when both coordinates are non-zero', () => {
    const rec = interpret(
      positionEnvelope({ latitudeI: 377_749_000, longitudeI: -1_224_194_000, altitude: 15 }),
    );
    expect(rec.nodes).toEqual([
      {
        id: '!1a2b3c4d',
        node_id: DEFAULT_FROM,
        last_lat: 377_749_000,
        last_long: -1_224_194_000,
        precision_bits: 32,
        seen_us: NOW_US,
      },
    ]);
    expect(rec.decoded).toMatchObject({
      port: 'POSITION_APP',
      value: { latitudeI: 377_749_000, longitudeI: -1_224_194_000, altitude: 15 },
    });
  });

  it('keeps the precision the sender gives; 0 (not said) and 32 or more mean full', () => {
    const bitsOf = (precisionBits: number) =>
      interpret(positionEnvelope({ latitudeI: 377_749_000, longitudeI: 5, precisionBits })).nodes[0]
        ?.precision_bits;
    expect([13, 16, 31, 0, 32, 33].map(bitsOf)).toEqual([13, 16, 31, 32, 32, 32]);
  });

  it('writes no node for a position without a fix', () => {
    expect(interpret(positionEnvelope({ latitudeI: 0, longitudeI: 5 })).nodes).toEqual([]);
    expect(interpret(positionEnvelope({ time: 12 })).nodes).toEqual([]);
  });
});

describe('interpretEnvelope: TRACEROUTE', () => {
  const route = { route: [0x11111111, 0x22222222], snrTowards: [24, -128] };

  it('writes a traceroute row with the raw RouteDiscovery for a request', () => {
    const id = freshPacketId();
    const rec = interpret(tracerouteEnvelope(route, { id }));
    expect(rec.traceroute).toEqual({
      packet_id: id,
      gateway_node_id: 0x0a0b0c0d,
      done: false,
      route: routeDiscoveryBytes(route),
      import_time_us: NOW_US,
    });
    expect(rec.decoded).toMatchObject({
      port: 'TRACEROUTE_APP',
      wantResponse: true,
      value: { route: [0x11111111, 0x22222222], snrTowards: [24, -128] },
    });
  });

  it('marks a reply done', () => {
    const rec = interpret(tracerouteEnvelope(route, { wantResponse: false, requestId: 42 }));
    expect(rec.traceroute?.done).toBe(true);
    expect(rec.decoded?.requestId).toBe(42);
  });

  it('reads want_response from Data.bitfield as firmware 2.5+ sends it', () => {
    const rec = interpret(tracerouteEnvelope(route, { wantResponse: false, bitfield: 0b11 }));
    expect(rec.traceroute?.done).toBe(false);
  });

  it('writes the row for every gateway’s report, with or without a gateway', () => {
    const id = freshPacketId();
    const a = interpret(tracerouteEnvelope(route, { id, gatewayId: '!00000001' }));
    const b = interpret(tracerouteEnvelope(route, { id, gatewayId: '!00000002' }));
    const none = interpret(tracerouteEnvelope(route, { id, gatewayId: null }));
    expect([a, b, none].map((rec) => rec.traceroute?.gateway_node_id)).toEqual([1, 2, null]);
  });
});

describe('interpretEnvelope: ports stored only as packets', () => {
  it('decodes TELEMETRY', () => {
    const rec = interpret(
      telemetryEnvelope({
        time: 1_700_000_000,
        variant: {
          case: 'deviceMetrics',
          value: {
            batteryLevel: 87,
            voltage: 4.125,
            channelUtilization: 12.5,
            uptimeSeconds: 3600,
          },
        },
      }),
    );
    expect(rec.packet.portnum).toBe(PORT.TELEMETRY_APP);
    expect(rec.decoded).toEqual({
      portnum: PORT.TELEMETRY_APP,
      port: 'TELEMETRY_APP',
      value: {
        time: 1_700_000_000,
        deviceMetrics: {
          batteryLevel: 87,
          voltage: 4.125,
          channelUtilization: 12.5,
          uptimeSeconds: 3600,
        },
      },
    });
    expect(rec.nodes).toEqual([]);
  });

  it('decodes environment TELEMETRY', () => {
    const rec = interpret(
      telemetryEnvelope({
        variant: { case: 'environmentMetrics', value: { temperature: 21.5, relativeHumidity: 40 } },
      }),
    );
    expect(rec.decoded?.value).toEqual({
      environmentMetrics: { temperature: 21.5, relativeHumidity: 40 },
    });
  });

  it('decodes NEIGHBORINFO', () => {
    const rec = interpret(
      neighborInfoEnvelope({
        nodeId: DEFAULT_FROM,
        nodeBroadcastIntervalSecs: 900,
        neighbors: [{ nodeId: 0x22222222, snr: 7.25 }],
      }),
    );
    expect(rec.decoded).toMatchObject({
      port: 'NEIGHBORINFO_APP',
      value: {
        nodeId: DEFAULT_FROM,
        nodeBroadcastIntervalSecs: 900,
        neighbors: [{ nodeId: 0x22222222, snr: 7.25 }],
      },
    });
    expect(rec.nodes).toEqual([]);
  });

  it('decodes ROUTING, errors by name', () => {
    const rec = interpret(
      routingEnvelope({ variant: { case: 'errorReason', value: 1 } }, { requestId: 99 }),
    );
    expect(rec.decoded).toEqual({
      portnum: PORT.ROUTING_APP,
      port: 'ROUTING_APP',
      value: { errorReason: 'NO_ROUTE' },
      requestId: 99,
    });
  });

  it('stores a port without a decoder with value null', () => {
    const rec = interpret(
      buildEnvelope({ portnum: PORT.WAYPOINT_APP, payload: Uint8Array.of(8, 1) }),
    );
    expect(rec.packet.portnum).toBe(PORT.WAYPOINT_APP);
    expect(rec.decoded).toEqual({ portnum: 8, port: 'WAYPOINT_APP', value: null });
  });

  it('names a port the library lacks unknown(N)', () => {
    const rec = interpret(buildEnvelope({ portnum: 300, payload: Uint8Array.of(1, 2, 3) }));
    expect(rec).toMatchObject({ decryption: 'decrypted', packet: { portnum: 300 } });
    expect(rec.decoded).toEqual({ portnum: 300, port: 'unknown(300)', value: null });
  });

  it('keeps a payload that does not parse, with value null and no rows', () => {
    const garbage = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f);
    for (const portnum of [PORT.POSITION_APP, PORT.NODEINFO_APP, PORT.TRACEROUTE_APP]) {
      const rec = interpret(buildEnvelope({ portnum, payload: garbage }));
      expect(rec).toMatchObject({ decryption: 'decrypted', packet: { portnum } });
      expect(rec.decoded).toMatchObject({ portnum, value: null });
      expect(rec.nodes).toEqual([]);
      expect(rec.traceroute).toBeNull();
    }
  });
});

describe('interpretEnvelope: what is skipped', () => {
  it('skips JSON topics without reading them', () => {
    for (const topic of ['msh/US/2/json/LongFast/!0a0b0c0d', 'msh/US/2/json/PKI/!0a0b0c0d']) {
      expect(interpretEnvelope(topic, Buffer.from('{"from":1}'), context())).toEqual({
        kind: 'skipped',
        reason: 'json-topic',
      });
    }
  });

  it('skips other topics', () => {
    for (const topic of ['msh/US/2/stat/!0a0b0c0d', 'meshtastic/whatever', '']) {
      expect(interpretEnvelope(topic, textEnvelope('x'), context())).toEqual({
        kind: 'skipped',
        reason: 'other-topic',
      });
    }
  });

  it('skips senders in skipNodeIds', () => {
    const ctx = context({ skipNodeIds: new Set([0xdeadbeef]) });
    expect(interpretEnvelope(TOPIC, textEnvelope('x', { from: 0xdeadbeef }), ctx)).toEqual({
      kind: 'skipped',
      reason: 'skipped-node',
    });
    expect(interpretEnvelope(TOPIC, textEnvelope('x'), ctx).kind).toBe('packet');
  });

  it('skips packet id 0', () => {
    expect(interpretEnvelope(TOPIC, textEnvelope('x', { id: 0 }), context())).toEqual({
      kind: 'skipped',
      reason: 'zero-packet-id',
    });
  });

  it('skips an envelope without a packet', () => {
    const envelope = toBinary(
      Mqtt.ServiceEnvelopeSchema,
      create(Mqtt.ServiceEnvelopeSchema, { channelId: 'LongFast', gatewayId: '!0a0b0c0d' }),
    );
    for (const payload of [envelope, new Uint8Array()]) {
      expect(interpretEnvelope(TOPIC, payload, context())).toEqual({
        kind: 'skipped',
        reason: 'no-packet',
      });
    }
  });
});

describe('interpretEnvelope: gateways', () => {
  it.each([null, '', 'abcd1234', '!nothex', '!123456789'])(
    'keeps the packet without a packet_seen row when gateway_id is %j',
    (gatewayId) => {
      const rec = interpret(textEnvelope('gatewayless', { gatewayId }));
      expect(rec).toMatchObject({ decryption: 'decrypted', seen: null, gatewayNodeId: null });
      expect(rec.packet.portnum).toBe(PORT.TEXT_MESSAGE_APP);
    },
  );

  it('reads the gateway from the envelope, not from the topic', () => {
    const rec = interpret(textEnvelope('x', { gatewayId: '!000000ff' }), 'msh/2/e/LongFast/!junk');
    expect(rec.gatewayNodeId).toBe(0xff);
  });
});

describe('interpretEnvelope: malformed input', () => {
  it('calls random bytes malformed', () => {
    const result = interpretEnvelope(TOPIC, Uint8Array.of(0xff, 0xff, 0xff, 0xff), context());
    expect(result.kind).toBe('malformed');
    expect(result.kind === 'malformed' && result.reason).toMatch(/not a ServiceEnvelope/);
  });

  it('calls a truncated envelope malformed', () => {
    const full = textEnvelope('truncated');
    expect(interpretEnvelope(TOPIC, full.subarray(0, full.length - 1), context()).kind).toBe(
      'malformed',
    );
    expect(interpretEnvelope(TOPIC, full.subarray(0, 5), context()).kind).toBe('malformed');
  });

  it('never throws on any truncation of a real envelope', () => {
    const full = nodeInfoEnvelope({
      id: '!1a2b3c4d',
      longName: 'Prefix',
      publicKey: new Uint8Array(32),
    });
    for (let length = 0; length <= full.length; length++) {
      const result = interpretEnvelope(TOPIC, full.subarray(0, length), context());
      expect(['malformed', 'skipped', 'packet']).toContain(result.kind);
    }
  });

  it('calls bytes that only hold fields unknown to ServiceEnvelope malformed', () => {
    // Field 9, varint 1: valid protobuf, but not an envelope.
    expect(interpretEnvelope(TOPIC, Uint8Array.of(0x48, 0x01), context()).kind).toBe('malformed');
  });

  it('calls a packet without decoded or encrypted malformed', () => {
    const envelope = toBinary(
      Mqtt.ServiceEnvelopeSchema,
      create(Mqtt.ServiceEnvelopeSchema, {
        packet: { id: 5, from: 6, to: BROADCAST },
        channelId: 'LongFast',
        gatewayId: '!0a0b0c0d',
      }),
    );
    expect(interpretEnvelope(TOPIC, envelope, context()).kind).toBe('malformed');
  });
});

describe('interpretEnvelope: values that fit the columns on both databases', () => {
  it('drops NUL characters from names and channels (PostgreSQL refuses them in text)', () => {
    const rec = interpret(
      nodeInfoEnvelope(
        { id: '!1a2b3c4d', longName: 'Base\u0000Camp', shortName: 'B\u0000C' },
        { channelId: 'Long\u0000Fast' },
      ),
    );
    expect(rec.packet.channel).toBe('LongFast');
    expect(rec.seen?.channel).toBe('LongFast');
    expect(rec.nodes).toMatchObject([
      { id: '!1a2b3c4d', long_name: 'BaseCamp', short_name: 'BC', channel: 'LongFast' },
    ]);
  });

  it('gives no hop counts past an integer column (damage, not hops)', () => {
    const rec = interpret(textEnvelope('hi', { hopLimit: 0xffff_ffff, hopStart: 0x8000_0000 }));
    expect(rec.seen).toMatchObject({ hop_limit: null, hop_start: null });
    const usual = interpret(textEnvelope('hi', { hopLimit: 2, hopStart: 0x7fff_ffff }));
    expect(usual.seen).toMatchObject({ hop_limit: 2, hop_start: 0x7fff_ffff });
  });
});
