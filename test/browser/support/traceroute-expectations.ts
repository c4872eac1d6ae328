/**
 * What the traceroute page must show, computed from the generator's record alone (never from the
 * API): which traceroutes to open, their links in order with each link's SNR, the gateways that
 * reported them. Small pure functions for traceroute.browser.test.ts.
 */
import type { MeshRecord } from '@meshview/sim';
import { isKind, lastPosition, tracePaths, type PacketOf } from './packet-page-expectations.js';

/** One link of a traceroute as the page draws it. */
export interface ExpectedLink {
  readonly from: number;
  readonly to: number;
  readonly direction: 'forward' | 'return';
  /** dB. */
  readonly snr: number;
}

/** A path's nodes in order and each link's SNR (dB), as the record implies them. */
export interface ExpectedPath {
  readonly nodes: readonly number[];
  readonly snrDb: readonly number[];
}

/**
 * A reply's forward path (from its `to`, who asked, through `route` to its `from`, who answered)
 * and its return path (from its `from` back through `routeBack` to its `to`).
 */
export function expectedPaths(packet: PacketOf<'traceroute'>): {
  forward: ExpectedPath;
  back: ExpectedPath;
} {
  const { towards, back } = tracePaths(packet);
  return { forward: towards, back };
}

/** The links the page draws for a reply: the forward path's in order, then the return path's. */
export function expectedLinks(packet: PacketOf<'traceroute'>): ExpectedLink[] {
  const { forward, back } = expectedPaths(packet);
  const links = (path: ExpectedPath, direction: ExpectedLink['direction']) =>
    path.nodes
      .slice(1)
      .map((to, i) => ({ from: path.nodes[i]!, to, direction, snr: path.snrDb[i]! }));
  return [...links(forward, 'forward'), ...links(back, 'return')];
}

const readableReplies = (record: MeshRecord) =>
  record.packets.filter(
    (p): p is PacketOf<'traceroute'> =>
      p.decodable && isKind(p, 'traceroute') && p.requestId !== 0 && !p.wantResponse,
  );

/**
 * The newest readable reply with relays both ways whose every node has a known position (so
 * the page draws it on the map), the longest forward route among them.
 */
export function mappedReplyWithReturn(record: MeshRecord): PacketOf<'traceroute'> {
  const replies = readableReplies(record).filter(
    (p) =>
      p.content.route.length > 0 &&
      p.content.routeBack.length > 0 &&
      [p.from, p.to, ...p.content.route, ...p.content.routeBack].every(
        (n) => lastPosition(record, n) !== null,
      ),
  );
  const longest = Math.max(...replies.map((p) => p.content.route.length));
  const found = replies.findLast((p) => p.content.route.length === longest);
  if (!found) throw new Error('the record has no placed traceroute reply with relays both ways');
  return found;
}

/** The newest readable reply that the most gateways reported (at least two). */
export function replyHeardByMost(record: MeshRecord): PacketOf<'traceroute'> {
  const replies = readableReplies(record);
  const most = Math.max(...replies.map((p) => new Set(p.receptions.map((r) => r.gateway)).size));
  const found = replies.findLast(
    (p) => new Set(p.receptions.map((r) => r.gateway)).size === most && most >= 2,
  );
  if (!found) throw new Error('the record has no traceroute reply heard by several gateways');
  return found;
}

/** The newest readable traceroute request (no reply to it is stored under its id). */
export function newestRequest(record: MeshRecord): PacketOf<'traceroute'> {
  const found = record.packets.findLast(
    (p): p is PacketOf<'traceroute'> =>
      p.decodable && isKind(p, 'traceroute') && p.wantResponse && p.receptions.length > 0,
  );
  if (!found) throw new Error('the record has no traceroute request');
  return found;
}

/**
 * `count` node numbers the record does not have (no names, no positions): a traceroute through
 * them is drawn as a graph.
 */
export function unknownNodes(record: MeshRecord, count: number): number[] {
  const known = new Set(record.nodes.map((n) => n.num));
  const out: number[] = [];
  for (let num = 0x7e570001; out.length < count; num++) if (!known.has(num)) out.push(num);
  return out;
}
