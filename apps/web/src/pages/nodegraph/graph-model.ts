import type { Edge, Node } from '@meshview/api';

/** A node the graph draws: its index in {@link Graph.nodes} is its index in the layout. */
export interface GraphNode {
  readonly num: number;
  readonly shortName: string | null;
  readonly longName: string | null;
  /** `''` when the node never said. */
  readonly role: string;
  readonly channel: string;
}

/** A directed link of the window, as the table lists it and the canvas draws it. */
export interface GraphLink {
  readonly from: number;
  readonly to: number;
  /** Index of `from` and `to` in {@link Graph.nodes}. */
  readonly source: number;
  readonly target: number;
  /** The kinds of report that saw it, traceroute first. */
  readonly kinds: readonly Edge['type'][];
  readonly reports: number;
  /** Mean SNR (dB) at which `to` heard `from`; null when no report said. */
  readonly snr: number | null;
  /** Seen from → to only: no link back in the view. */
  readonly oneWay: boolean;
}

/**
 * A line the canvas draws: a two-way pair once (`a` < `b` by index, coloured by the weaker
 * direction), a one-way link from its `from` to its `to` with an arrowhead.
 */
export interface GraphLine {
  readonly a: number;
  readonly b: number;
  readonly oneWay: boolean;
  readonly snr: number | null;
}

/** Every node and link of a window: what the layout places (the channel filter only hides). */
export interface Graph {
  readonly nodes: readonly GraphNode[];
  readonly links: readonly GraphLink[];
  readonly lines: readonly GraphLine[];
  /** Node number → index in `nodes`. */
  readonly index: ReadonlyMap<number, number>;
}

/**
 * The graph of a window's edges (`/api/edges?hours=`), its nodes named from `/api/nodes`. Only
 * nodes with a link are in it; a link from a node to itself is left out. A link is one-way when
 * the window has no link back.
 *
 * @example
 * const graph = buildGraph(edges, nodes);
 * graph.links.filter((l) => l.oneWay); // drawn dashed, with an arrow
 */
export function buildGraph(edges: readonly Edge[], known: readonly Node[]): Graph {
  const byNum = new Map(known.map((n) => [n.node_id, n]));
  const shown = edges.filter((e) => e.from !== e.to);
  const nodes: GraphNode[] = [];
  const index = new Map<number, number>();
  const place = (num: number): number => {
    let i = index.get(num);
    if (i === undefined) {
      const n = byNum.get(num);
      i = nodes.length;
      index.set(num, i);
      nodes.push({
        num,
        shortName: n?.short_name ?? null,
        longName: n?.long_name ?? null,
        role: n?.role ?? '',
        channel: n?.channel ?? '',
      });
    }
    return i;
  };
  const pairs = new Map<string, Edge>();
  for (const e of shown) pairs.set(`${e.from}>${e.to}`, e);
  const links: GraphLink[] = shown.map((e) => ({
    from: e.from,
    to: e.to,
    source: place(e.from),
    target: place(e.to),
    kinds: e.kinds ?? [e.type],
    reports: e.reports ?? 1,
    snr: e.snr ?? null,
    oneWay: !pairs.has(`${e.to}>${e.from}`),
  }));
  const lines: GraphLine[] = [];
  for (const l of links) {
    if (l.oneWay) {
      lines.push({ a: l.source, b: l.target, oneWay: true, snr: l.snr });
    } else if (l.from < l.to) {
      const back = pairs.get(`${l.to}>${l.from}`)!;
      lines.push({ a: l.source, b: l.target, oneWay: false, snr: weaker(l.snr, back.snr ?? null) });
    }
  }
  return { nodes, links, lines, index };
}

/** What a channel filter leaves of a graph. */
export interface GraphView {
  /** Per node index: 1 when drawn. */
  readonly shown: Uint8Array;
  readonly links: readonly GraphLink[];
  readonly lines: readonly GraphLine[];
}

/**
 * The part of `graph` on `channel` (the nodes' channel, `/api/nodes`): the links between two of
 * its nodes and the nodes they join; everything when `channel` is `''`. A pair's two links share
 * their ends, so a link's one-way flag is the same in every view.
 */
export function channelView(graph: Graph, channel: string): GraphView {
  const inChannel = (i: number) => channel === '' || graph.nodes[i]!.channel === channel;
  const links = graph.links.filter((l) => inChannel(l.source) && inChannel(l.target));
  const lines = graph.lines.filter((l) => inChannel(l.a) && inChannel(l.b));
  const shown = new Uint8Array(graph.nodes.length);
  for (const l of lines) {
    shown[l.a] = 1;
    shown[l.b] = 1;
  }
  return { shown, links, lines };
}

/** The channels of a graph's nodes, the busiest (most nodes) first, then by name. */
export function graphChannels(graph: Graph): string[] {
  const counts = new Map<string, number>();
  for (const n of graph.nodes) {
    if (n.channel !== '') counts.set(n.channel, (counts.get(n.channel) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([name]) => name);
}

/** The lower of two SNRs, the known one when only one is. */
function weaker(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

/** The nodes whose names or `!hex` id match `text` (any case), best first, at most `limit`. */
export function searchNodes(nodes: readonly GraphNode[], text: string, limit = 8): GraphNode[] {
  const q = text.trim().toLowerCase();
  if (q === '') return [];
  const hex = (n: number) => `!${n.toString(16).padStart(8, '0')}`;
  const rank = (n: GraphNode): number => {
    const short = n.shortName?.toLowerCase() ?? '';
    const long = n.longName?.toLowerCase() ?? '';
    const id = hex(n.num);
    if (id === q || String(n.num) === q || short === q || long === q) return 0;
    if (short.startsWith(q) || long.startsWith(q) || id.startsWith(q)) return 1;
    if (short.includes(q) || long.includes(q) || id.includes(q)) return 2;
    return 3;
  };
  return nodes
    .map((n) => ({ n, r: rank(n) }))
    .filter((x) => x.r < 3)
    .sort(
      (x, y) =>
        x.r - y.r ||
        // Named nodes before those known only by their id.
        Number(x.n.longName === null) - Number(y.n.longName === null) ||
        (x.n.longName ?? '').localeCompare(y.n.longName ?? '') ||
        x.n.num - y.n.num,
    )
    .slice(0, limit)
    .map((x) => x.n);
}
