import type { DescMessage } from '@bufbuild/protobuf';
import { Mesh, Mqtt, Telemetry } from './protobufs.js';

/**
 * The message each decoded port carries, by portnum: MeshView's `DECODE_MAP` without
 * TEXT_MESSAGE_APP (shown as text). Other ports are "Did not decode", as in MeshView.
 */
export const PORT_SCHEMAS: ReadonlyMap<number, DescMessage> = new Map<number, DescMessage>([
  [3, Mesh.PositionSchema],
  [4, Mesh.UserSchema],
  [5, Mesh.RoutingSchema],
  [67, Telemetry.TelemetrySchema],
  [70, Mesh.RouteDiscoverySchema],
  [71, Mesh.NeighborInfoSchema],
  [73, Mqtt.MapReportSchema],
]);
