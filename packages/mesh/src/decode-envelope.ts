import { fromBinary } from '@bufbuild/protobuf';
import type { EnvelopeFields } from './envelope-fields.js';
import { Mesh, Mqtt } from './protobufs.js';
import { readServiceEnvelope } from './read-service-envelope.js';
import { findField, type FieldSpan } from './wire-fields.js';

/** Field numbers: ServiceEnvelope.packet, MeshPacket.encrypted. */
const ENVELOPE_PACKET = 1;
const PACKET_ENCRYPTED = 5;

/** A decoded `ServiceEnvelope`, with where its packet lies for storing it as received. */
export interface DecodedEnvelope extends EnvelopeFields {
  /** The serialized MeshPacket (a view into the envelope); undefined when it is not one field. */
  readonly packetBytes: Uint8Array | undefined;
  /** Where `MeshPacket.encrypted` lies in `packetBytes`, when it is there exactly once. */
  readonly encryptedSpan: FieldSpan | undefined;
  /** protobuf-es's packet, kept when it decoded the envelope: for encoding it anew. */
  readonly message?: Mesh.MeshPacket | undefined;
}

/** A decoded `ServiceEnvelope`, or why the bytes are not one. */
export type EnvelopeDecoding =
  | { readonly ok: true; readonly envelope: DecodedEnvelope }
  | { readonly ok: false; readonly reason: string };

const NOT_AN_ENVELOPE = 'not a ServiceEnvelope: none of its fields, only unknown ones';

/**
 * Decodes an MQTT payload as a `ServiceEnvelope`. Never throws: truncated or foreign bytes give
 * a reason instead. Bytes that parse but carry none of the envelope's fields (random data often
 * does) are not an envelope either.
 *
 * Well-formed envelopes are read by the hand-written `readServiceEnvelope`; whatever it leaves
 * (odd or broken bytes) goes to protobuf-es, so the verdict and the values are protobuf-es's
 * in every case.
 */
export function decodeEnvelope(bytes: Uint8Array): EnvelopeDecoding {
  const read = readServiceEnvelope(bytes);
  if (read !== undefined) {
    if (!isKnown(read) && read.hasUnknownFields) return { ok: false, reason: NOT_AN_ENVELOPE };
    return { ok: true, envelope: read };
  }
  let envelope: Mqtt.ServiceEnvelope;
  try {
    envelope = fromBinary(Mqtt.ServiceEnvelopeSchema, bytes);
  } catch (error) {
    return { ok: false, reason: `not a ServiceEnvelope: ${(error as Error).message}` };
  }
  if (!isKnown(envelope) && (envelope.$unknown?.length ?? 0) > 0) {
    return { ok: false, reason: NOT_AN_ENVELOPE };
  }
  const span = findField(bytes, ENVELOPE_PACKET);
  const packetBytes = span && bytes.subarray(span.valueStart, span.end);
  return {
    ok: true,
    envelope: {
      packet: envelope.packet,
      channelId: envelope.channelId,
      gatewayId: envelope.gatewayId,
      packetBytes,
      encryptedSpan: packetBytes && findField(packetBytes, PACKET_ENCRYPTED),
      message: envelope.packet,
    },
  };
}

function isKnown(envelope: EnvelopeFields): boolean {
  return envelope.packet !== undefined || envelope.channelId !== '' || envelope.gatewayId !== '';
}
