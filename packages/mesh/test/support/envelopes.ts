/**
 * Meshtastic MQTT messages for tests, built with the protobuf library and encrypted here with
 * node:crypto (independently of the package's own AES-CTR), so a test checks the package against
 * the protocol rather than against itself. Other suites (the writer's MQTT integration tests)
 * import these too.
 */
import { create, toBinary, type MessageInitShape } from '@bufbuild/protobuf';
import { createCipheriv } from 'node:crypto';
import { Mesh, Mqtt, Telemetry } from '../../src/protobufs.js';

/** The default channel key (`AQ==` expanded), written out rather than taken from the package. */
export const DEFAULT_KEY: Uint8Array = Buffer.from('d4f1bb3a20290759f0bcffabcf4e6901', 'hex');

/** `MeshPacket.to` of a broadcast. */
export const BROADCAST = 0xffffffff;

/** The sender used when a spec names none. */
export const DEFAULT_FROM = 0x1a2b3c4d;

/** The gateway used when a spec names none, as it appears in `ServiceEnvelope.gateway_id`. */
export const DEFAULT_GATEWAY = '!0a0b0c0d';

/** Port numbers, spelled out so tests do not depend on the package's constants. */
export const PORT = {
  TEXT_MESSAGE_APP: 1,
  POSITION_APP: 3,
  NODEINFO_APP: 4,
  ROUTING_APP: 5,
  WAYPOINT_APP: 8,
  TELEMETRY_APP: 67,
  TRACEROUTE_APP: 70,
  NEIGHBORINFO_APP: 71,
  MAP_REPORT_APP: 73,
} as const;

let nextId = 0x1000;

/** A packet id not used before in this process. */
export function freshPacketId(): number {
  nextId += 1;
  return nextId;
}

/** `!%08x`, written here for the same reason as {@link DEFAULT_KEY}. */
export function nodeIdOf(nodeNumber: number): string {
  return `!${nodeNumber.toString(16).padStart(8, '0')}`;
}

/** xor of the name's bytes xor xor of the key's bytes, computed by the test. */
export function expectedChannelHash(name: string, key: Uint8Array): number {
  let hash = 0;
  for (const byte of Buffer.from(name, 'utf8')) hash ^= byte;
  for (const byte of key) hash ^= byte;
  return hash;
}

/** The fields of a `Data` message. */
export type DataInit = MessageInitShape<typeof Mesh.DataSchema>;

/** The key and nonce inputs of one packet's encryption. */
export interface EncryptionSpec {
  readonly key: Uint8Array;
  readonly id: number;
  readonly from: number;
}

/**
 * Encrypts a `Data` (or raw plaintext) as a Meshtastic node does: AES-CTR, AES-128 or AES-256 by
 * key length, nonce = packet id (uint64 LE) ‖ sender (uint32 LE) ‖ 4 zero bytes.
 */
export function encryptData(
  data: DataInit | Uint8Array,
  { key, id, from }: EncryptionSpec,
): Uint8Array {
  const plaintext =
    data instanceof Uint8Array ? data : toBinary(Mesh.DataSchema, create(Mesh.DataSchema, data));
  const nonce = Buffer.alloc(16);
  nonce.writeBigUInt64LE(BigInt(id), 0);
  nonce.writeUInt32LE(from, 8);
  const cipher = createCipheriv(key.length === 32 ? 'aes-256-ctr' : 'aes-128-ctr', key, nonce);
  return new Uint8Array(Buffer.concat([cipher.update(plaintext), cipher.final()]));
}

/** Everything about one envelope; only `portnum` and `payload` are required. */
export interface EnvelopeSpec {
  readonly portnum: number;
  readonly payload: Uint8Array;
  readonly id?: number;
  readonly from?: number;
  readonly to?: number;
  readonly wantResponse?: boolean;
  readonly requestId?: number;
  readonly replyId?: number;
  readonly bitfield?: number;
  /** `ServiceEnvelope.channel_id`; `LongFast` by default. */
  readonly channelId?: string;
  /** `ServiceEnvelope.gateway_id`; null leaves it out. */
  readonly gatewayId?: string | null;
  /** The key to encrypt with (default: the default key), or `plain` to send `decoded`. */
  readonly encryption?: Uint8Array | 'plain';
  /** The key the channel hash is computed with, when it differs from the encryption key. */
  readonly hashKey?: Uint8Array;
  /** `MeshPacket.channel`; by default the channel hash when encrypted, 0 when plain. */
  readonly channel?: number;
  readonly rxTime?: number;
  readonly rxSnr?: number;
  readonly rxRssi?: number;
  readonly hopLimit?: number;
  readonly hopStart?: number;
  readonly pkiEncrypted?: boolean;
  /** Raw ciphertext to send instead of encrypting the `Data`. */
  readonly ciphertext?: Uint8Array;
}

/** Options of the per-port builders: an {@link EnvelopeSpec} without the port and payload. */
export type EnvelopeOptions = Omit<EnvelopeSpec, 'portnum' | 'payload'>;

/** The `MeshPacket` of a spec, with defaults filled in. */
export function buildPacket(spec: EnvelopeSpec): Mesh.MeshPacket {
  const id = spec.id ?? freshPacketId();
  const from = spec.from ?? DEFAULT_FROM;
  const data: DataInit = {
    portnum: spec.portnum,
    payload: spec.payload,
    wantResponse: spec.wantResponse ?? false,
    requestId: spec.requestId ?? 0,
    replyId: spec.replyId ?? 0,
    ...(spec.bitfield === undefined ? {} : { bitfield: spec.bitfield }),
  };
  const encryption = spec.encryption ?? DEFAULT_KEY;
  const channelId = spec.channelId ?? 'LongFast';
  const payloadVariant =
    encryption === 'plain'
      ? { case: 'decoded' as const, value: create(Mesh.DataSchema, data) }
      : {
          case: 'encrypted' as const,
          value: spec.ciphertext ?? encryptData(data, { key: encryption, id, from }),
        };
  const channel =
    spec.channel ??
    (encryption === 'plain' ? 0 : expectedChannelHash(channelId, spec.hashKey ?? encryption));
  return create(Mesh.MeshPacketSchema, {
    id,
    from,
    to: spec.to ?? BROADCAST,
    channel,
    payloadVariant,
    rxTime: spec.rxTime ?? 1_700_000_000,
    rxSnr: spec.rxSnr ?? 6.25,
    rxRssi: spec.rxRssi ?? -90,
    hopLimit: spec.hopLimit ?? 3,
    hopStart: spec.hopStart ?? 3,
    pkiEncrypted: spec.pkiEncrypted ?? false,
  });
}

/** A serialized `ServiceEnvelope`, as a gateway publishes it. */
export function buildEnvelope(spec: EnvelopeSpec): Uint8Array {
  const gatewayId = spec.gatewayId === undefined ? DEFAULT_GATEWAY : spec.gatewayId;
  return toBinary(
    Mqtt.ServiceEnvelopeSchema,
    create(Mqtt.ServiceEnvelopeSchema, {
      packet: buildPacket(spec),
      channelId: spec.channelId ?? 'LongFast',
      gatewayId: gatewayId ?? '',
    }),
  );
}

/** The topic a gateway publishes a spec's envelope to: `<root>/2/e/<channel>/<gateway>`. */
export function topicFor(
  spec: Pick<EnvelopeSpec, 'channelId' | 'gatewayId'> & { readonly root?: string } = {},
): string {
  const gatewayId = spec.gatewayId === undefined ? DEFAULT_GATEWAY : spec.gatewayId;
  return `${spec.root ?? 'msh/US'}/2/e/${spec.channelId ?? 'LongFast'}/${gatewayId ?? '!ffffffff'}`;
}

/** A TEXT_MESSAGE_APP envelope. */
export function textEnvelope(text: string, options: EnvelopeOptions = {}): Uint8Array {
  return buildEnvelope({
    ...options,
    portnum: PORT.TEXT_MESSAGE_APP,
    payload: Buffer.from(text, 'utf8'),
  });
}

/** A POSITION_APP envelope. */
export function positionEnvelope(
  position: MessageInitShape<typeof Mesh.PositionSchema>,
  options: EnvelopeOptions = {},
): Uint8Array {
  const payload = toBinary(Mesh.PositionSchema, create(Mesh.PositionSchema, position));
  return buildEnvelope({ ...options, portnum: PORT.POSITION_APP, payload });
}

/** A NODEINFO_APP envelope. */
export function nodeInfoEnvelope(
  user: MessageInitShape<typeof Mesh.UserSchema>,
  options: EnvelopeOptions = {},
): Uint8Array {
  const payload = toBinary(Mesh.UserSchema, create(Mesh.UserSchema, user));
  return buildEnvelope({ ...options, portnum: PORT.NODEINFO_APP, payload });
}

/** A TELEMETRY_APP envelope. */
export function telemetryEnvelope(
  telemetry: MessageInitShape<typeof Telemetry.TelemetrySchema>,
  options: EnvelopeOptions = {},
): Uint8Array {
  const schema = Telemetry.TelemetrySchema;
  const payload = toBinary(schema, create(schema, telemetry));
  return buildEnvelope({ ...options, portnum: PORT.TELEMETRY_APP, payload });
}

/** The serialized `RouteDiscovery` a traceroute carries. */
export function routeDiscoveryBytes(
  route: MessageInitShape<typeof Mesh.RouteDiscoverySchema>,
): Uint8Array {
  return toBinary(Mesh.RouteDiscoverySchema, create(Mesh.RouteDiscoverySchema, route));
}

/** A TRACEROUTE_APP envelope (a request unless `wantResponse: false`). */
export function tracerouteEnvelope(
  route: MessageInitShape<typeof Mesh.RouteDiscoverySchema>,
  options: EnvelopeOptions = {},
): Uint8Array {
  return buildEnvelope({
    wantResponse: true,
    ...options,
    portnum: PORT.TRACEROUTE_APP,
    payload: routeDiscoveryBytes(route),
  });
}

/** A NEIGHBORINFO_APP envelope. */
export function neighborInfoEnvelope(
  info: MessageInitShape<typeof Mesh.NeighborInfoSchema>,
  options: EnvelopeOptions = {},
): Uint8Array {
  const payload = toBinary(Mesh.NeighborInfoSchema, create(Mesh.NeighborInfoSchema, info));
  return buildEnvelope({ ...options, portnum: PORT.NEIGHBORINFO_APP, payload });
}

/** A ROUTING_APP envelope. */
export function routingEnvelope(
  routing: MessageInitShape<typeof Mesh.RoutingSchema>,
  options: EnvelopeOptions = {},
): Uint8Array {
  const payload = toBinary(Mesh.RoutingSchema, create(Mesh.RoutingSchema, routing));
  return buildEnvelope({ ...options, portnum: PORT.ROUTING_APP, payload });
}

/**
 * A MAP_REPORT_APP envelope as `MQTT::perhapsReportToMap` publishes it to `<root>/2/map/`: sent
 * in the clear, to broadcast, with the node as its own gateway.
 */
export function mapReportEnvelope(
  report: MessageInitShape<typeof Mqtt.MapReportSchema>,
  options: EnvelopeOptions = {},
): Uint8Array {
  const from = options.from ?? DEFAULT_FROM;
  const payload = toBinary(Mqtt.MapReportSchema, create(Mqtt.MapReportSchema, report));
  return buildEnvelope({
    encryption: 'plain',
    gatewayId: nodeIdOf(from),
    ...options,
    from,
    portnum: PORT.MAP_REPORT_APP,
    payload,
  });
}

/**
 * A PKI direct message as a gateway uplinks it: AES-CCM ciphertext (random bytes here) on
 * channel 0, `channel_id` `PKI`, flagged `pki_encrypted`, to one node.
 */
export function pkiEnvelope(options: EnvelopeOptions = {}): Uint8Array {
  return buildEnvelope({
    to: 0x0badcafe,
    channelId: 'PKI',
    channel: 0,
    pkiEncrypted: true,
    ciphertext: Uint8Array.from({ length: 40 }, (_, i) => (i * 37 + 11) & 0xff),
    ...options,
    portnum: PORT.TEXT_MESSAGE_APP,
    payload: new Uint8Array(),
  });
}
