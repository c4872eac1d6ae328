/**
 * What the packet page must show, computed from the generator's record alone (never from the
 * API): which packets to open, the gateways' rows in the page's order, names, positions,
 * traceroute paths and telemetry. Small pure functions for packet-page.browser.test.ts.
 */
import type { MeshRecord, SimPacket, SimReception } from '@meshview/sim';

/** `MeshPacket.to` of a broadcast. */
export const BROADCAST = 0xffffffff;

/** A packet of the record whose content is of kind `K`. */
export type PacketOf<K extends SimPacket['content']['kind']> = SimPacket & {
  readonly content: Extract<SimPacket['content'], { kind: K }>;
};

/** Whether `packet` carries content of kind `kind` (a type guard). */
export function isKind<K extends SimPacket['content']['kind']>(
  packet: SimPacket,
  kind: K,
): packet is PacketOf<K> {
  return packet.content.kind === kind;
}

/** Hops a report travelled: `hop_start − hop_limit`. */
export const hopsOf = (r: SimReception): number => r.hopStart - r.hopLimit;

/** `!%08x`. */
export const hexId = (num: number): string => `!${(num >>> 0).toString(16).padStart(8, '0')}`;

/**
 * The long name the reader knows for node `num`: the newest NODEINFO the writer could read
 * (`decodable`), or null when it read none (a node of the private channel, say).
 */
export function announcedName(record: MeshRecord, num: number): string | null {
  const info = record.packets.findLast(
    (p): p is PacketOf<'nodeinfo'> => p.from === num && p.decodable && isKind(p, 'nodeinfo'),
  );
  return info?.content.longName ?? null;
}

/** How the page names node `num`: its announced long name, else its `!hex` id. */
export const shownName = (record: MeshRecord, num: number): string =>
  announcedName(record, num) ?? hexId(num);

/** A position in degrees. */
export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

/**
 * The last position of node `num` that the writer could read (the API's `last_lat`,
 * `last_long`), or null: a private-channel node's positions stay encrypted.
 */
export function lastPosition(record: MeshRecord, num: number): LatLon | null {
  const node = record.nodes.find((n) => n.num === num);
  const last = node?.keyKind === 'unknown' ? undefined : node?.positions.at(-1);
  return last ? { lat: last.latitudeI / 1e7, lon: last.longitudeI / 1e7 } : null;
}

/** Great-circle distance in km (mean Earth radius). */
export function distanceKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** One row of the "seen by" table as the record implies it. */
export interface SeenRow {
  readonly gateway: number;
  readonly name: string;
  readonly hops: number;
  readonly rssi: number;
  readonly snr: number;
  readonly channel: string;
  /** From the packet's source to the gateway; null when either position is unknown. */
  readonly distanceKm: number | null;
}

/**
 * The packet's reports in the page's order: fewest hops first, then best SNR, then gateway
 * number. `source` is where the page puts the packet's source (the sender's last position, or
 * the packet's own for a position report).
 */
export function seenRows(record: MeshRecord, packet: SimPacket, source: LatLon | null): SeenRow[] {
  return packet.receptions
    .map((r) => {
      const at = lastPosition(record, r.gateway);
      return {
        gateway: r.gateway,
        name: shownName(record, r.gateway),
        hops: hopsOf(r),
        rssi: r.rxRssi,
        snr: r.rxSnr,
        channel: packet.channel,
        distanceKm: source && at ? distanceKm(source, at) : null,
      };
    })
    .sort((a, b) => a.hops - b.hops || b.snr - a.snr || a.gateway - b.gateway);
}

/** The hop counts of `rows`, one per row group, in order. */
export const hopGroups = (rows: readonly SeenRow[]): number[] => [
  ...new Set(rows.map((r) => r.hops)),
];

/** Where the page puts a packet's source: its own coordinates, else the sender's last position. */
export function sourceOf(record: MeshRecord, packet: SimPacket): LatLon | null {
  if (packet.decodable && isKind(packet, 'position'))
    return { lat: packet.content.latitudeI / 1e7, lon: packet.content.longitudeI / 1e7 };
  return lastPosition(record, packet.from);
}

/**
 * The newest readable broadcast text (not a reply) that gateways heard at the most different hop
 * counts (at least two), with at least three reports.
 */
export function textHeardAtSeveralHops(record: MeshRecord): PacketOf<'text'> {
  const texts = record.packets.filter(
    (p): p is PacketOf<'text'> =>
      p.decodable &&
      isKind(p, 'text') &&
      p.to === BROADCAST &&
      p.replyId === 0 &&
      p.receptions.length >= 3,
  );
  const groups = (p: SimPacket) => new Set(p.receptions.map(hopsOf)).size;
  const most = Math.max(...texts.map(groups));
  const found = texts.findLast((p) => groups(p) === most && most >= 2);
  if (!found) throw new Error('the record has no text heard at different hops');
  return found;
}

/** The newest readable broadcast reply whose original a gateway heard, with that original. */
export function replyWithOriginal(record: MeshRecord): {
  reply: PacketOf<'text'>;
  original: PacketOf<'text'>;
} {
  const byId = new Map(record.packets.map((p) => [p.id, p]));
  for (const reply of [...record.packets].reverse()) {
    if (!reply.decodable || !isKind(reply, 'text') || reply.to !== BROADCAST || !reply.replyId)
      continue;
    const original = byId.get(reply.replyId);
    if (original && isKind(original, 'text') && original.to === BROADCAST)
      return { reply, original };
  }
  throw new Error('the record has no reply to a message gateways heard');
}

/** The newest readable traceroute reply with relays both ways (the longest route among them). */
export function tracerouteReply(record: MeshRecord): PacketOf<'traceroute'> {
  const replies = record.packets.filter(
    (p): p is PacketOf<'traceroute'> =>
      p.decodable &&
      isKind(p, 'traceroute') &&
      p.requestId !== 0 &&
      p.content.route.length > 0 &&
      p.content.routeBack.length > 0,
  );
  const longest = Math.max(...replies.map((p) => p.content.route.length));
  const found = replies.findLast((p) => p.content.route.length === longest);
  if (!found) throw new Error('the record has no traceroute reply with relays');
  return found;
}

/** One path of a traceroute: its nodes in order and the SNR (dB) at each node after the first. */
export interface TracePath {
  readonly nodes: readonly number[];
  readonly snrDb: readonly number[];
}

/**
 * A traceroute reply's two paths: towards the destination from its `to` (who asked) through
 * `route` to its `from` (who answered), and back through `routeBack`; SNRs travel as dB × 4.
 */
export function tracePaths(packet: PacketOf<'traceroute'>): {
  towards: TracePath;
  back: TracePath;
} {
  const { route, snrTowards, routeBack, snrBack } = packet.content;
  return {
    towards: { nodes: [packet.to, ...route, packet.from], snrDb: snrTowards.map((s) => s / 4) },
    back: { nodes: [packet.from, ...routeBack, packet.to], snrDb: snrBack.map((s) => s / 4) },
  };
}

/** The newest readable telemetry packet of `kind` (device or environment metrics). */
export function telemetryOf(
  record: MeshRecord,
  kind: 'device' | 'environment',
): PacketOf<'telemetry'> {
  const found = record.packets.findLast(
    (p): p is PacketOf<'telemetry'> => p.decodable && isKind(p, 'telemetry') && kind in p.content,
  );
  if (!found) throw new Error(`the record has no ${kind} telemetry`);
  return found;
}

/** The newest readable direct text (to one node): the API redacts its text. */
export function directText(record: MeshRecord): SimPacket {
  const found = record.packets.findLast(
    (p) => p.decodable && isKind(p, 'text') && p.to !== BROADCAST,
  );
  if (!found) throw new Error('the record has no direct text');
  return found;
}

/** The newest packet no key of the writer opens (the private channel's). */
export function undecodable(record: MeshRecord): SimPacket {
  const found = record.packets.findLast((p) => !p.decodable);
  if (!found) throw new Error('the record has no undecodable packet');
  return found;
}

/** The newest readable position report. */
export function positionReport(record: MeshRecord): PacketOf<'position'> {
  const found = record.packets.findLast(
    (p): p is PacketOf<'position'> => p.decodable && isKind(p, 'position'),
  );
  if (!found) throw new Error('the record has no position report');
  return found;
}
