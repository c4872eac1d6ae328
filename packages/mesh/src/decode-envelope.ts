import { fromBinary } from '@bufbuild/protobuf';
import { Mqtt } from './protobufs.js';

/** A decoded `ServiceEnvelope`, or why the bytes are not one. */
export type EnvelopeDecoding =
  | { readonly ok: true; readonly envelope: Mqtt.ServiceEnvelope }
  | { readonly ok: false; readonly reason: string };

/**
 * Decodes an MQTT payload as a `ServiceEnvelope`. Never throws: truncated or foreign bytes give
 * a reason instead. Bytes that parse but carry none of the envelope's fields (random data often
 * does) are not an envelope either.
 */
export function decodeEnvelope(bytes: Uint8Array): EnvelopeDecoding {
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
  return { ok: true, envelope };
}
