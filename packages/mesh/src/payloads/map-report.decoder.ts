import { hwModelName, roleName } from '../enum-names.js';
import { formatNodeId, isNodeNumber } from '../node-id.js';
import { PortNum } from '../port-num.js';
import { positionPrecisionBits } from '../position-precision.js';
import { Mqtt } from '../protobufs.js';
import { protobufDecoder } from './protobuf-decoder.js';

/**
 * MAP_REPORT_APP: `MapReport` (sent in the clear on `<root>/2/map/`). Upserts the sender's node
 * with its names, hardware, role, firmware and channel; the position only when both
 * coordinates are non-zero (MeshView would put a report without a position at 0,0), with the
 * precision the report gives.
 */
export const mapReportDecoder = protobufDecoder(
  PortNum.MAP_REPORT_APP,
  Mqtt.MapReportSchema,
  (report, { from, channel, nowUs }) => {
    if (!isNodeNumber(from)) return {};
    const located = report.latitudeI !== 0 && report.longitudeI !== 0;
    return {
      nodes: [
        {
          id: formatNodeId(from),
          node_id: from,
          long_name: report.longName,
          short_name: report.shortName,
          hw_model: hwModelName(report.hwModel),
          role: roleName(report.role),
          firmware: report.firmwareVersion,
          ...(located
            ? {
                last_lat: report.latitudeI,
                last_long: report.longitudeI,
                precision_bits: positionPrecisionBits(report.positionPrecision),
              }
            : {}),
          channel,
          seen_us: nowUs,
        },
      ],
    };
  },
);
