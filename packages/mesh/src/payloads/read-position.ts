import { WireReader, WireType } from '../wire-reader.js';

/**
 * What the ingest path reads of a `meshtastic.Position`: the coordinates (degrees × 1e7) and how
 * many of their top bits the sender kept (`precision_bits`, 0 when the sender did not say).
 */
export interface PositionFields {
  readonly latitudeI?: number | undefined;
  readonly longitudeI?: number | undefined;
  readonly precisionBits: number;
}

// meshtastic.Position (mesh.proto): latitude_i and longitude_i are optional sfixed32; time (4)
// and timestamp (7) fixed32; every other field up to 23 a varint (int32, sint32, uint32, enum).
const LATITUDE_I = (1 << 3) | WireType.BIT32;
const LONGITUDE_I = (2 << 3) | WireType.BIT32;
const TIME = (4 << 3) | WireType.BIT32;
const TIMESTAMP = (7 << 3) | WireType.BIT32;
const PRECISION_BITS = (23 << 3) | WireType.VARINT;
const LAST_KNOWN_FIELD = 23;

/**
 * Reads a serialized `Position` for its coordinates, exactly as protobuf-es would, or gives
 * undefined for what it leaves to protobuf-es (a known field with another wire type, a group,
 * anything malformed): the POSITION_APP decoder's hot path, since positions are a quarter of
 * the traffic and protobuf-es builds a full message for them.
 */
export function readPosition(bytes: Uint8Array): PositionFields | undefined {
  const reader = new WireReader(bytes);
  let latitudeI: number | undefined;
  let longitudeI: number | undefined;
  let precisionBits = 0;
  while (reader.pos < reader.end) {
    const tag = reader.tag();
    if (tag < 0) return undefined;
    const field = tag >>> 3;
    const wireType = tag & 7;
    if (tag === LATITUDE_I || tag === LONGITUDE_I) {
      const value = reader.fixed32();
      if (value < 0) return undefined;
      if (tag === LATITUDE_I) latitudeI = value | 0;
      else longitudeI = value | 0;
    } else if (tag === TIME || tag === TIMESTAMP) {
      if (reader.fixed32() < 0) return undefined;
    } else if (tag === PRECISION_BITS) {
      precisionBits = reader.varint32();
      if (precisionBits < 0) return undefined;
    } else if (field <= LAST_KNOWN_FIELD) {
      if (field <= 2 || wireType !== WireType.VARINT || reader.varint32() < 0) return undefined;
    } else if (!reader.skip(wireType)) {
      return undefined;
    }
  }
  return { latitudeI, longitudeI, precisionBits };
}
