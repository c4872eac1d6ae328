import { create, toBinary } from '@bufbuild/protobuf';
import { expectedChannelHash } from './channel-hash.js';
import { encryptData, type DataInit } from './encrypt-data.js';
import { BROADCAST, DEFAULT_FROM, DEFAULT_GATEWAY, type EnvelopeSpec } from './envelope-spec.js';
import { DEFAULT_KEY } from './keys.js';
import { freshPacketId } from './packet-id.js';
import { Mesh, Mqtt } from '@meshview/mesh';

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
  return envelopeBytes(buildPacket(spec), spec.channelId ?? 'LongFast', gatewayId ?? '');
}

/**
 * A serialized `ServiceEnvelope` around an already built `packet` (see {@link buildPacket}): for
 * the copies of one packet that several gateways report, each with its own reception fields.
 */
export function envelopeBytes(
  packet: Mesh.MeshPacket,
  channelId: string,
  gatewayId: string,
): Uint8Array {
  return toBinary(
    Mqtt.ServiceEnvelopeSchema,
    create(Mqtt.ServiceEnvelopeSchema, { packet, channelId, gatewayId }),
  );
}
