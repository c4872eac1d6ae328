import type { DataFields } from './payloads/dispatch-payload.js';
import { WireReader, WireType } from './wire-reader.js';

/** A `meshtastic.Data` as the ingest path reads it: the fields the dispatcher uses. */
export interface DataRead extends DataFields {
  readonly portnum: number;
  readonly payload: Uint8Array;
  readonly wantResponse: boolean;
  readonly bitfield: number | undefined;
  readonly requestId: number;
  readonly replyId: number;
}

// meshtastic.Data field numbers and wire types (mesh.proto).
const PORTNUM = (1 << 3) | WireType.VARINT; // PortNum (enum)
const PAYLOAD = (2 << 3) | WireType.LENGTH_DELIMITED; // bytes
const WANT_RESPONSE = (3 << 3) | WireType.VARINT; // bool
const DEST = (4 << 3) | WireType.BIT32; // fixed32
const SOURCE = (5 << 3) | WireType.BIT32; // fixed32
const REQUEST_ID = (6 << 3) | WireType.BIT32; // fixed32
const REPLY_ID = (7 << 3) | WireType.BIT32; // fixed32
const EMOJI = (8 << 3) | WireType.BIT32; // fixed32
const BITFIELD = (9 << 3) | WireType.VARINT; // optional uint32
const LAST_KNOWN_FIELD = 9;

const EMPTY: Uint8Array = new Uint8Array(0);

/**
 * Reads the `Data` message that fills `reader` from its position to its end, exactly as
 * protobuf-es's `fromBinary(DataSchema)` would (last value wins, unknown fields skipped), or
 * gives undefined for anything it does not read that way: a known field with another wire
 * type, a group, a truncated or over-long value. The caller then asks protobuf-es, so this
 * reader only ever decides the common case, never the verdict on odd bytes.
 */
export function readDataFrom(reader: WireReader): DataRead | undefined {
  let portnum = 0;
  let payload = EMPTY;
  let wantResponse = 0;
  let bitfield: number | undefined;
  let requestId = 0;
  let replyId = 0;
  while (reader.pos < reader.end) {
    const tag = reader.tag();
    if (tag < 0) return undefined;
    switch (tag) {
      case PORTNUM: {
        const value = reader.varint32();
        if (value < 0) return undefined;
        portnum = value | 0; // an open enum: int32, as protobuf-es reads it
        break;
      }
      case PAYLOAD: {
        const bytes = reader.bytesField();
        if (bytes === undefined) return undefined;
        payload = bytes;
        break;
      }
      case WANT_RESPONSE:
        wantResponse = reader.bool();
        if (wantResponse < 0) return undefined;
        break;
      case REQUEST_ID:
        requestId = reader.fixed32();
        if (requestId < 0) return undefined;
        break;
      case REPLY_ID:
        replyId = reader.fixed32();
        if (replyId < 0) return undefined;
        break;
      case DEST:
      case SOURCE:
      case EMOJI:
        if (reader.fixed32() < 0) return undefined;
        break;
      case BITFIELD:
        bitfield = reader.varint32();
        if (bitfield < 0) return undefined;
        break;
      default:
        // A known field with an unexpected wire type is read by protobuf-es as its declared
        // type regardless: left to it. Unknown fields are skipped.
        if (tag >>> 3 <= LAST_KNOWN_FIELD || !reader.skip(tag & 7)) return undefined;
    }
  }
  return { portnum, payload, wantResponse: wantResponse === 1, bitfield, requestId, replyId };
}

/** {@link readDataFrom} over a whole buffer (a decrypted payload). */
export function readData(bytes: Uint8Array): DataRead | undefined {
  return readDataFrom(new WireReader(bytes));
}
