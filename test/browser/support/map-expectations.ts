/**
 * What `/map` must draw for the generator's record of what it sent (`site.mesh.record`): the
 * nodes of the window that have a position (the node list's rules, node-list-expectations.ts),
 * each with the precision its last readable position was sent with; the neighbour links of the
 * latest NeighborInfo reports; the channel colours' order; and views that hold a set of nodes.
 */
import type { MeshRecord, SimPacket } from '@meshview/sim';
import { listedNodes } from './node-list-expectations.js';

/** A node the map must place. */
export interface PlacedNode {
  readonly num: number;
  /** Degrees × 1e7, as the API has them. */
  readonly lat: number;
  readonly lon: number;
  /** `data-channel`: its last NODEINFO's channel, `''` without one. */
  readonly channel: string;
  /** `data-role`: its role, `''` without a NODEINFO. */
  readonly role: string;
  readonly gateway: boolean;
  /** Of its last readable position: 32 for full precision. */
  readonly precisionBits: number;
}

/** When the writer stored a packet: the last of its reports (node-list-expectations' rule). */
const lastImportUs = (p: SimPacket): number => Math.max(...p.receptions.map((r) => r.importUs));
/** When the packet list orders it: its first report. */
const firstImportUs = (p: SimPacket): number => Math.min(...p.receptions.map((r) => r.importUs));

/** The nodes `/api/nodes?days_active=<days>` lists with a position, as the map draws them. */
export function placedNodes(record: MeshRecord, days = 3): PlacedNode[] {
  const bits = new Map<number, { at: number; bits: number }>();
  for (const p of record.packets) {
    const c = p.content;
    if (!p.decodable || c.kind !== 'position' || c.latitudeI === 0 || c.longitudeI === 0) continue;
    const at = lastImportUs(p);
    const seen = bits.get(p.from);
    if (!seen || seen.at <= at) bits.set(p.from, { at, bits: c.precisionBits });
  }
  return listedNodes(record, days)
    .filter((n) => n.lastLat !== null && n.lastLong !== null)
    .map((n) => ({
      num: n.num,
      lat: n.lastLat!,
      lon: n.lastLong!,
      channel: n.channel ?? '',
      role: n.role ?? '',
      gateway: n.gateway,
      precisionBits: bits.get(n.num)?.bits ?? 32,
    }));
}

/** Routers and repeaters are drawn bigger (MeshView: radius 9, else 7). */
export const expectedRadius = (role: string): number =>
  ['ROUTER', 'ROUTER_LATE', 'ROUTER_CLIENT', 'REPEATER'].includes(role) ? 9 : 7;

/** The channels in the order the map colours them (code-point order of their names). */
export function channelOrder(nodes: readonly PlacedNode[]): string[] {
  return [...new Set(nodes.map((n) => n.channel).filter((c) => c !== ''))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
}

/**
 * The neighbour links `/api/edges` takes from the latest 50 readable NeighborInfo packets:
 * each neighbour → the reporting node, as `from>to` keys.
 */
export function neighborLinks(record: MeshRecord): Set<string> {
  const reports = record.packets
    .filter((p) => p.decodable && p.content.kind === 'neighborinfo' && p.receptions.length > 0)
    .sort((a, b) => firstImportUs(b) - firstImportUs(a))
    .slice(0, 50);
  const links = new Set<string>();
  for (const p of reports) {
    if (p.content.kind !== 'neighborinfo') continue;
    for (const n of p.content.neighbors) links.add(`${n.nodeId}>${p.from}`);
  }
  return links;
}

/** A view of the map: centre in degrees and zoom, as `/map?lat&lng&zoom` has it. */
export interface MapViewQuery {
  readonly lat: number;
  readonly lng: number;
  readonly zoom: number;
}

/**
 * The highest whole zoom whose window of `width`×`height` pixels, centred on the nodes' box,
 * holds all of them with `margin` pixels to spare (Web Mercator, 256-pixel tiles).
 */
export function viewHolding(
  nodes: readonly PlacedNode[],
  width: number,
  height: number,
  margin = 40,
): MapViewQuery {
  const x = (lon: number) => (lon / 1e7 + 180) / 360;
  const y = (lat: number) => {
    const s = Math.sin(((lat / 1e7) * Math.PI) / 180);
    return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
  };
  const xs = nodes.map((n) => x(n.lon));
  const ys = nodes.map((n) => y(n.lat));
  const [west, east] = [Math.min(...xs), Math.max(...xs)];
  const [north, south] = [Math.min(...ys), Math.max(...ys)];
  let zoom = 18;
  while (
    zoom > 1 &&
    ((east - west) * 256 * 2 ** zoom > width - 2 * margin ||
      (south - north) * 256 * 2 ** zoom > height - 2 * margin)
  ) {
    zoom -= 1;
  }
  const lng = ((west + east) / 2) * 360 - 180;
  const my = (north + south) / 2;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - 2 * my))) * 180) / Math.PI;
  return { lat, lng, zoom };
}
