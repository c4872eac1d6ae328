/**
 * What the node page must show, computed from the simulated mesh's record (`MeshRecord`) alone:
 * small pure functions that apply the API's documented rules (docs/API.md) to what the generator
 * says it sent, never to what the API answered.
 */
import type { MeshRecord, SimNode, SimPacket, SimReception } from '@meshview/sim';

const HOUR_US = 3_600_000_000;
/** `PortNum.NEIGHBORINFO_APP`, `TELEMETRY_APP`, `POSITION_APP`. */
const NEIGHBORINFO = 71;
const TELEMETRY = 67;
const POSITION = 3;

/** A chart point as the page's `data-series` has it: x in ms, y the value. */
export type Point = readonly [number, number];

/** When the writer stored the packet: its first gateway report (µs). */
export const importUs = (packet: SimPacket): number =>
  Math.min(...packet.receptions.map((r) => r.importUs));

/** The port the API shows: 0 for a packet the writer could not decrypt. */
export const shownPort = (packet: SimPacket): number => (packet.decodable ? packet.portnum : 0);

/** `!%08x`, as the page names a node the API does not know. */
const hexId = (num: number) => `!${num.toString(16).padStart(8, '0')}`;

/** The name the page gives a node: its long name when the API lists it, else its `!hex` id. */
export function shownName(record: MeshRecord, num: number): string {
  const node = record.nodes.find((n) => n.num === num);
  // 'Private' channel nodes never reach /api/nodes (their NODEINFO stays encrypted).
  return node && node.keyKind !== 'unknown' ? node.longName : hexId(num);
}

/** The packets a node sent that some gateway heard, in the order the writer stored them. */
export function sentBy(record: MeshRecord, num: number): SimPacket[] {
  return record.packets
    .filter((p) => p.from === num && p.receptions.length > 0)
    .sort((a, b) => importUs(a) - importUs(b));
}

/**
 * The node whose page shows the most: readable (not the private group's), not a gateway (its
 * receptions are other gateways' only), sending device and environment telemetry, neighbour
 * info and positions, and announcing one key.
 */
export function richNode(record: MeshRecord): SimNode {
  const node = record.nodes.find((n) => {
    if (n.keyKind === 'unknown' || n.isGateway || n.publicKeys.length !== 1) return false;
    const ports = new Set(sentBy(record, n.num).map((p) => p.portnum));
    const kinds = new Set(n.telemetry.map((t) => t.kind));
    return (
      kinds.has('device') &&
      kinds.has('environment') &&
      ports.has(NEIGHBORINFO) &&
      ports.has(POSITION) &&
      ports.has(TELEMETRY)
    );
  });
  if (!node) throw new Error('the record has no node with telemetry, neighbours and positions');
  return node;
}

/** The node that announced two public keys (the impersonated one). */
export function twoKeyNode(record: MeshRecord): SimNode {
  const node = record.nodes.find((n) => n.publicKeys.length > 1 && n.keyKind !== 'unknown');
  if (!node) throw new Error('the record has no node with two public keys');
  return node;
}

/** Each telemetry series of a node, by the page's chart names, as `[import ms, value]`. */
export function telemetryPoints(record: MeshRecord, num: number) {
  const series = {
    battery: [] as Point[],
    voltage: [] as Point[],
    channelUtilization: [] as Point[],
    airUtilTx: [] as Point[],
    temperature: [] as Point[],
    humidity: [] as Point[],
    pressure: [] as Point[],
  };
  for (const packet of sentBy(record, num)) {
    const content = packet.content;
    if (!packet.decodable || content.kind !== 'telemetry') continue;
    const x = importUs(packet) / 1000;
    if ('device' in content) {
      series.battery.push([x, content.device.batteryLevel]);
      series.voltage.push([x, content.device.voltage]);
      series.channelUtilization.push([x, content.device.channelUtilization]);
      series.airUtilTx.push([x, content.device.airUtilTx]);
    } else {
      series.temperature.push([x, content.environment.temperature]);
      series.humidity.push([x, content.environment.relativeHumidity]);
      series.pressure.push([x, content.environment.barometricPressure]);
    }
  }
  return series;
}

/**
 * The SNR of each neighbour a node reported, named as the page names it, neighbours in order of
 * first report, points in time order (the page reads the node's last 500 reports).
 */
export function neighborPoints(record: MeshRecord, num: number): [string, Point[]][] {
  const byNode = new Map<number, Point[]>();
  const reports = sentBy(record, num).filter(
    (p) => p.decodable && p.content.kind === 'neighborinfo',
  );
  for (const packet of reports.slice(-500)) {
    if (packet.content.kind !== 'neighborinfo') continue;
    for (const neighbor of packet.content.neighbors) {
      const points = byNode.get(neighbor.nodeId) ?? [];
      points.push([importUs(packet) / 1000, neighbor.snr]);
      byNode.set(neighbor.nodeId, points);
    }
  }
  return [...byNode].map(([id, points]) => [shownName(record, id), points]);
}

/**
 * Where `/api/stats/count` and `/api/stats`'s windows of `hours` start for a reader whose clock
 * reads `nowUs`: `now − hours` rounded down to its hour (docs/API.md, "Windows").
 */
export const windowStartUs = (nowUs: number, hours: number): number =>
  Math.floor((nowUs - hours * HOUR_US) / HOUR_US) * HOUR_US;

/**
 * The node's last-day counts for a window from `startUs`: packets it sent (by the packet's
 * import time), reports of its packets (by each report's import time) and packets addressed to
 * it, decodable or not (sender and recipient are in the clear).
 */
export function dayCounts(record: MeshRecord, num: number, startUs: number) {
  const heard = (p: SimPacket) => p.receptions.length > 0 && importUs(p) >= startUs;
  const sent = record.packets.filter((p) => p.from === num);
  return {
    sent: sent.filter(heard).length,
    seen: sent.flatMap((p) => p.receptions).filter((r) => r.importUs >= startUs).length,
    toIt: record.packets.filter((p) => p.to === num && heard(p)).length,
  };
}

/** One gateway's line of the receptions table, and its direct (0-hop) reports. */
export interface GatewayExpectation {
  readonly gateway: number;
  readonly name: string;
  readonly receptions: number;
  readonly direct: readonly SimReception[];
}

/** A report heard at 0 hops, as the API counts it (hop fields present and equal). */
export const isDirect = (r: SimReception): boolean => r.hopStart !== 0 && r.hopStart === r.hopLimit;

/**
 * The receptions table of `/api/node/{id}/receptions` with its defaults (the node's newest 1,000
 * packets of 7 days): per gateway, its reports and the direct ones (oldest first), ordered as
 * the API orders them (most reports, then most direct, then the lower gateway number).
 */
export function gatewayExpectations(
  record: MeshRecord,
  num: number,
  sinceUs: number,
): GatewayExpectation[] {
  const packets = sentBy(record, num)
    .filter((p) => importUs(p) >= sinceUs)
    .slice(-1000);
  const byGateway = new Map<number, SimReception[]>();
  for (const reception of packets.flatMap((p) => p.receptions)) {
    byGateway.set(reception.gateway, [...(byGateway.get(reception.gateway) ?? []), reception]);
  }
  return [...byGateway]
    .map(([gateway, reports]) => ({
      gateway,
      name: shownName(record, gateway),
      receptions: reports.length,
      direct: reports.filter(isDirect).sort((a, b) => a.importUs - b.importUs),
    }))
    .sort(
      (a, b) =>
        b.receptions - a.receptions || b.direct.length - a.direct.length || a.gateway - b.gateway,
    );
}

/** The packets a node sent or that were addressed to it, that some gateway heard. */
const heardFromOrTo = (record: MeshRecord, num: number): SimPacket[] =>
  record.packets.filter((p) => (p.from === num || p.to === num) && p.receptions.length > 0);

/**
 * The port to filter a node's packets table by: the port the fewest of its heard packets show
 * (lowest number on a tie), so the filter keeps some rows and drops others. Which ports a node
 * used in the generator's 48 hours depends on the clock: the rich node sends no text at some
 * hours, so a test cannot name a port up front.
 */
export function rarestPort(record: MeshRecord, num: number): number {
  const counts = new Map<number, number>();
  for (const p of heardFromOrTo(record, num)) {
    const port = shownPort(p);
    counts.set(port, (counts.get(port) ?? 0) + 1);
  }
  const [rarest] = [...counts].sort(([a, m], [b, n]) => m - n || a - b);
  if (!rarest) throw new Error(`the record has no heard packet from or to node ${num}`);
  return rarest[0];
}

/**
 * The ids of the packets table's first page: packets the node sent or that were addressed to
 * it, newest first, `page` of them, only port `port` when given (as the API shows ports).
 */
export function tablePacketIds(
  record: MeshRecord,
  num: number,
  page: number,
  port?: number,
): number[] {
  return heardFromOrTo(record, num)
    .filter((p) => port === undefined || shownPort(p) === port)
    .sort((a, b) => importUs(b) - importUs(a))
    .slice(0, page)
    .map((p) => p.id);
}
