import { fromBinary, toJson } from '@bufbuild/protobuf';
import { formatNodeId, isNodeNumber } from '../node-id.js';
import { PortNum } from '../port-num.js';
import { positionPrecisionBits } from '../position-precision.js';
import { Mesh } from '../protobufs.js';
import type { PayloadDecoder } from './payload-decoder.js';
import { readPosition, type PositionFields } from './read-position.js';

/**
 * POSITION_APP: `Position`. Moves the sender's node to the position when both coordinates are
 * non-zero (as MeshView does; 0 means "no fix"), with the precision the sender kept. Only the
 * coordinates and their precision are read on the ingest path; the full message only for display.
 */
export const positionDecoder: PayloadDecoder<PositionFields> = {
  portnum: PortNum.POSITION_APP,
  schema: Mesh.PositionSchema,
  // The hand-written reader decides well-formed payloads; protobuf-es the others (and throws).
  parse: (payload) => readPosition(payload) ?? fromBinary(Mesh.PositionSchema, payload),
  toValue: (_position, payload) =>
    toJson(Mesh.PositionSchema, fromBinary(Mesh.PositionSchema, payload)),
  rows(position, { from, nowUs }) {
    const lat = position.latitudeI ?? 0;
    const long = position.longitudeI ?? 0;
    if (lat === 0 || long === 0 || !isNodeNumber(from)) return {};
    return {
      nodes: [
        {
          id: formatNodeId(from),
          node_id: from,
          last_lat: lat,
          last_long: long,
          precision_bits: positionPrecisionBits(position.precisionBits),
          seen_us: nowUs,
        },
      ],
    };
  },
};
