import { fromBinary, toJson, type JsonValue } from '@bufbuild/protobuf';
import { Mesh, PORT_SCHEMAS } from '@meshview/mesh';
import { BROADCAST_NODE, PortNum } from '@meshview/mesh/facts';
import { withShortFloats } from './short-floats.js';
import { toTextFormat } from './text-format.js';

/** What MeshView shows for a payload it cannot decode. */
export const NOT_DECODED = 'Did not decode';

/** What MeshView shows instead of a direct text message. */
export const REDACTED = '<redacted>';

/** A stored packet's payload as the API shows it. */
export interface RenderedPayload {
  /** MeshView's `payload`: the text, protobuf text format, `<redacted>` or `Did not decode`. */
  readonly text: string;
  /**
   * The decoded message as data (our addition): the text for a text message, protobuf JSON
   * (camelCase names, enums by name, 64-bit integers and bytes as strings, 32-bit floats with
   * their shortest digits) for the other decoded ports; null when redacted or not decoded.
   */
  readonly decoded: JsonValue | null;
  /** `Data.reply_id` when set (a reply or a reaction). */
  readonly replyId: number | null;
  /**
   * `Data.want_response`: the sender asks for an answer (a traceroute request, as opposed to its
   * reply, whose route lists alone cannot always tell them apart).
   */
  readonly wantResponse: boolean;
}

const UNDECODED: RenderedPayload = {
  text: NOT_DECODED,
  decoded: null,
  replyId: null,
  wantResponse: false,
};
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Renders `packet.payload` (a serialized `MeshPacket`, decoded when a key opened it) the way
 * MeshView's API does, plus the structured form. Never throws: anything that does not parse is
 * "Did not decode".
 */
export function renderPayload(
  payload: Uint8Array | null,
  toNodeId: number | null,
): RenderedPayload {
  if (payload === null) return UNDECODED;
  let data: Mesh.Data;
  try {
    const packet = fromBinary(Mesh.MeshPacketSchema, payload);
    if (packet.payloadVariant.case !== 'decoded') return UNDECODED;
    data = packet.payloadVariant.value;
  } catch {
    return UNDECODED;
  }
  const replyId = data.replyId !== 0 ? data.replyId : null;
  const wantResponse = data.wantResponse;
  if (data.portnum === PortNum.TEXT_MESSAGE_APP) {
    // A text message to anything but everybody is direct.
    if (toNodeId !== BROADCAST_NODE)
      return { text: REDACTED, decoded: null, replyId, wantResponse };
    try {
      const text = utf8.decode(data.payload);
      return { text, decoded: text, replyId, wantResponse };
    } catch {
      return { ...UNDECODED, replyId, wantResponse };
    }
  }
  const schema = PORT_SCHEMAS.get(data.portnum);
  if (schema === undefined) return { ...UNDECODED, replyId, wantResponse };
  try {
    const message = fromBinary(schema, data.payload);
    return {
      text: toTextFormat(schema, message),
      decoded: withShortFloats(schema, toJson(schema, message)),
      replyId,
      wantResponse,
    };
  } catch {
    return { ...UNDECODED, replyId, wantResponse };
  }
}
