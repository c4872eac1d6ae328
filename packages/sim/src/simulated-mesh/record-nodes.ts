import { hardwareNumber, roleNumber } from './protocol-enums.js';
import type { SimNode, SimPacket, SimPosition, SimTelemetry } from './mesh-record.js';
import type { PlannedNode } from './planned-node.js';

/** The record of each planned node, with the positions, telemetry and keys gateways heard. */
export function recordNodes(
  nodes: readonly PlannedNode[],
  packets: readonly SimPacket[],
): SimNode[] {
  const positions = new Map<number, SimPosition[]>();
  const telemetry = new Map<number, SimTelemetry[]>();
  const keys = new Map<number, string[]>();
  const add = <T>(map: Map<number, T[]>, num: number, value: T): void => {
    const list = map.get(num);
    if (list) list.push(value);
    else map.set(num, [value]);
  };
  for (const p of packets) {
    const c = p.content;
    const at = { packetId: p.id, timeUs: p.sentUs };
    if (c.kind === 'position') {
      const { latitudeI, longitudeI, altitude, precisionBits } = c;
      add(positions, p.from, { ...at, latitudeI, longitudeI, altitude, precisionBits });
    } else if (c.kind === 'telemetry') {
      add(
        telemetry,
        p.from,
        'device' in c
          ? { ...at, kind: 'device', device: c.device }
          : { ...at, kind: 'environment', environment: c.environment },
      );
    } else if (c.kind === 'nodeinfo' && !keys.get(p.from)?.includes(c.publicKey)) {
      add(keys, p.from, c.publicKey);
    }
  }
  return nodes.map((n) => ({
    num: n.num,
    id: n.id,
    longName: n.longName,
    shortName: n.shortName,
    hwModel: n.hwModel,
    hwModelNumber: hardwareNumber(n.hwModel),
    role: n.role,
    roleNumber: roleNumber(n.role),
    channel: n.channel,
    keyKind: n.keyKind,
    isGateway: n.gatewayChannels.length > 0,
    gatewayChannels: n.gatewayChannels,
    mobility: n.mobility,
    hopLimit: n.hopLimit,
    publicKeys: keys.get(n.num) ?? [],
    positions: positions.get(n.num) ?? [],
    telemetry: telemetry.get(n.num) ?? [],
  }));
}
