import type { EnvelopeFields, PacketFields } from './envelope-fields.js';
import { readDataFrom } from './read-data.js';
import type { FieldSpan } from './wire-fields.js';
import { WireReader, WireType } from './wire-reader.js';

/** A ServiceEnvelope as {@link readServiceEnvelope} reads it: its fields and where they lie. */
export interface ServiceEnvelopeRead extends EnvelopeFields {
  /** The serialized MeshPacket (a view into the envelope), when there is one. */
  readonly packetBytes: Uint8Array | undefined;
  /** Where `MeshPacket.encrypted` lies in `packetBytes`, when the packet is encrypted. */
  readonly encryptedSpan: FieldSpan | undefined;
  /** Whether the envelope holds fields ServiceEnvelope does not know. */
  readonly hasUnknownFields: boolean;
}

// Field numbers and wire types from the schemas (mqtt.proto, mesh.proto).
const VARINT = WireType.VARINT;
const LEN = WireType.LENGTH_DELIMITED;
const I32 = WireType.BIT32;
// meshtastic.ServiceEnvelope
const ENVELOPE_PACKET = (1 << 3) | LEN; // MeshPacket
const ENVELOPE_CHANNEL_ID = (2 << 3) | LEN; // string
const ENVELOPE_GATEWAY_ID = (3 << 3) | LEN; // string
const ENVELOPE_LAST_FIELD = 3;
// meshtastic.MeshPacket
const FROM = (1 << 3) | I32; // fixed32
const TO = (2 << 3) | I32; // fixed32
const CHANNEL = (3 << 3) | VARINT; // uint32
const DECODED = (4 << 3) | LEN; // Data, oneof payload_variant
const ENCRYPTED = (5 << 3) | LEN; // bytes, oneof payload_variant
const ID = (6 << 3) | I32; // fixed32
const RX_TIME = (7 << 3) | I32; // fixed32
const RX_SNR = (8 << 3) | I32; // float
const HOP_LIMIT = (9 << 3) | VARINT; // uint32
const WANT_ACK = (10 << 3) | VARINT; // bool
const PRIORITY = (11 << 3) | VARINT; // enum
const RX_RSSI = (12 << 3) | VARINT; // int32
const DELAYED = (13 << 3) | VARINT; // enum
const VIA_MQTT = (14 << 3) | VARINT; // bool
const HOP_START = (15 << 3) | VARINT; // uint32
const PUBLIC_KEY = (16 << 3) | LEN; // bytes
const PKI_ENCRYPTED = (17 << 3) | VARINT; // bool
const NEXT_HOP = (18 << 3) | VARINT; // uint32
const RELAY_NODE = (19 << 3) | VARINT; // uint32
const TX_AFTER = (20 << 3) | VARINT; // uint32
const TRANSPORT_MECHANISM = (21 << 3) | VARINT; // enum
const PACKET_LAST_FIELD = 21;

const NO_VARIANT: PacketFields['payloadVariant'] = Object.freeze({ case: undefined });

/**
 * Reads a serialized `ServiceEnvelope` and its `MeshPacket` (and, for a packet sent in the
 * clear, its `Data`) by hand: the ingest hot path's replacement for protobuf-es's
 * `fromBinary`, which builds full messages at several times the cost. For the bytes it reads,
 * the values are exactly protobuf-es's (the differential test holds them side by side). It
 * gives undefined for what it leaves to protobuf-es: bytes that are not well-formed (so that
 * protobuf-es words the error), a known field with an unexpected wire type, a group, a value
 * running past the end of its message, a repeated packet or payload (which protobuf-es
 * merges), invalid UTF-8, an envelope holding nothing but unknown fields.
 */
export function readServiceEnvelope(bytes: Uint8Array): ServiceEnvelopeRead | undefined {
  const reader = new WireReader(bytes);
  let packet: PacketFields | undefined;
  let packetBytes: Uint8Array | undefined;
  let encryptedSpan: FieldSpan | undefined;
  let channelId = '';
  let gatewayId = '';
  let hasUnknownFields = false;
  while (reader.pos < reader.end) {
    const tag = reader.tag();
    if (tag < 0) return undefined;
    switch (tag) {
      case ENVELOPE_PACKET: {
        if (packet !== undefined) return undefined;
        const length = reader.length();
        if (length < 0) return undefined;
        const start = reader.pos;
        const outerEnd = reader.end;
        reader.end = start + length;
        const read = readPacket(reader);
        reader.end = outerEnd;
        if (read === undefined) return undefined;
        packet = read.packet;
        packetBytes = bytes.subarray(start, start + length);
        encryptedSpan = read.encryptedSpan;
        break;
      }
      case ENVELOPE_CHANNEL_ID: {
        const text = reader.string();
        if (text === undefined) return undefined;
        channelId = text;
        break;
      }
      case ENVELOPE_GATEWAY_ID: {
        const text = reader.string();
        if (text === undefined) return undefined;
        gatewayId = text;
        break;
      }
      default:
        if (tag >>> 3 <= ENVELOPE_LAST_FIELD || !reader.skip(tag & 7)) return undefined;
        hasUnknownFields = true;
    }
  }
  return { packet, channelId, gatewayId, packetBytes, encryptedSpan, hasUnknownFields };
}

/** Reads the MeshPacket filling `reader` up to its end; positions are relative to its start. */
function readPacket(
  reader: WireReader,
): { packet: PacketFields; encryptedSpan: FieldSpan | undefined } | undefined {
  const base = reader.pos;
  let from = 0;
  let to = 0;
  let channel = 0;
  let id = 0;
  let rxTime = 0;
  let rxSnr = 0;
  let hopLimit = 0;
  let hopStart = 0;
  let rxRssi = 0;
  let pkiEncrypted = 0;
  let payloadVariant = NO_VARIANT;
  let encryptedSpan: FieldSpan | undefined;
  while (reader.pos < reader.end) {
    const tagStart = reader.pos;
    const tag = reader.tag();
    if (tag < 0) return undefined;
    let value = 0;
    switch (tag) {
      case FROM:
        value = from = reader.fixed32();
        break;
      case TO:
        value = to = reader.fixed32();
        break;
      case ID:
        value = id = reader.fixed32();
        break;
      case RX_TIME:
        value = rxTime = reader.fixed32();
        break;
      case CHANNEL:
        value = channel = reader.varint32();
        break;
      case HOP_LIMIT:
        value = hopLimit = reader.varint32();
        break;
      case HOP_START:
        value = hopStart = reader.varint32();
        break;
      case RX_RSSI:
        value = reader.varint32();
        rxRssi = value | 0; // int32
        break;
      case RX_SNR:
        if (!reader.has(4)) return undefined;
        rxSnr = reader.float32();
        break;
      case PKI_ENCRYPTED:
        value = pkiEncrypted = reader.bool();
        break;
      case WANT_ACK:
      case VIA_MQTT:
        value = reader.bool();
        break;
      case PRIORITY:
      case DELAYED:
      case NEXT_HOP:
      case RELAY_NODE:
      case TX_AFTER:
      case TRANSPORT_MECHANISM:
        value = reader.varint32();
        break;
      case PUBLIC_KEY:
        value = reader.length();
        if (value >= 0) reader.pos += value;
        break;
      case ENCRYPTED: {
        // A second payload, or a second `decoded`, is merged or replaced by protobuf-es: its call.
        if (payloadVariant !== NO_VARIANT) return undefined;
        const ciphertext = reader.bytesField();
        if (ciphertext === undefined) return undefined;
        payloadVariant = { case: 'encrypted', value: ciphertext };
        encryptedSpan = {
          start: tagStart - base,
          valueStart: reader.pos - ciphertext.length - base,
          end: reader.pos - base,
        };
        break;
      }
      case DECODED: {
        if (payloadVariant !== NO_VARIANT) return undefined;
        const length = reader.length();
        if (length < 0) return undefined;
        const outerEnd = reader.end;
        reader.end = reader.pos + length;
        const data = readDataFrom(reader);
        reader.end = outerEnd;
        if (data === undefined) return undefined;
        payloadVariant = { case: 'decoded', value: data };
        break;
      }
      default:
        if (tag >>> 3 <= PACKET_LAST_FIELD || !reader.skip(tag & 7)) return undefined;
    }
    if (value < 0) return undefined;
  }
  return {
    packet: {
      from,
      to,
      channel,
      id,
      rxTime,
      rxSnr,
      hopLimit,
      hopStart,
      rxRssi,
      pkiEncrypted: pkiEncrypted === 1,
      payloadVariant,
    },
    encryptedSpan,
  };
}
