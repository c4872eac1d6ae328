import { create, toBinary, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf';
import { Mesh, Telemetry } from '@meshview/mesh';
import { PORT } from '../port.js';
import type { SimContent } from './mesh-record.js';
import { hardwareNumber, roleNumber } from './protocol-enums.js';

const bytes = <Desc extends DescMessage>(
  schema: Desc,
  message: MessageInitShape<Desc>,
): Uint8Array => toBinary(schema, create(schema, message));

/** A packet's `Data.portnum` and `Data.payload` for what it carries. */
export function contentPayload(content: SimContent): { portnum: number; payload: Uint8Array } {
  switch (content.kind) {
    case 'text':
      return {
        portnum: PORT.TEXT_MESSAGE_APP,
        payload: new Uint8Array(Buffer.from(content.text, 'utf8')),
      };
    case 'position': {
      const { latitudeI, longitudeI, altitude, time, precisionBits } = content;
      const position = { latitudeI, longitudeI, altitude, time, precisionBits };
      return { portnum: PORT.POSITION_APP, payload: bytes(Mesh.PositionSchema, position) };
    }
    case 'nodeinfo':
      return {
        portnum: PORT.NODEINFO_APP,
        payload: bytes(Mesh.UserSchema, {
          id: content.id,
          longName: content.longName,
          shortName: content.shortName,
          hwModel: hardwareNumber(content.hwModel),
          role: roleNumber(content.role),
          publicKey: new Uint8Array(Buffer.from(content.publicKey, 'hex')),
        }),
      };
    case 'telemetry': {
      const variant =
        'device' in content
          ? { case: 'deviceMetrics' as const, value: content.device }
          : { case: 'environmentMetrics' as const, value: content.environment };
      return {
        portnum: PORT.TELEMETRY_APP,
        payload: bytes(Telemetry.TelemetrySchema, { time: content.time, variant }),
      };
    }
    case 'traceroute':
      return {
        portnum: PORT.TRACEROUTE_APP,
        payload: bytes(Mesh.RouteDiscoverySchema, {
          route: [...content.route],
          snrTowards: [...content.snrTowards],
          routeBack: [...content.routeBack],
          snrBack: [...content.snrBack],
        }),
      };
    case 'neighborinfo':
      return {
        portnum: PORT.NEIGHBORINFO_APP,
        payload: bytes(Mesh.NeighborInfoSchema, {
          nodeId: content.nodeId,
          nodeBroadcastIntervalSecs: content.nodeBroadcastIntervalSecs,
          neighbors: content.neighbors.map((n) => ({ nodeId: n.nodeId, snr: n.snr })),
        }),
      };
  }
}
