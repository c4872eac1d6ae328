import type { TracerouteResponse } from '@meshview/api';

/** Which way a link of a traceroute goes: towards the destination, or back to the requester. */
export type TraceDirection = 'forward' | 'return';

/** One path of a traceroute: its nodes in order and each link's SNR. */
export interface TracePath {
  readonly nodes: readonly number[];
  /** `snrs[i]` is the SNR (dB) of the link `nodes[i] → nodes[i + 1]`; `null` when not measured. */
  readonly snrs: readonly (number | null)[];
}

/** One drawn link: where it starts and ends, which path it is on, its SNR. */
export interface TraceLink {
  readonly from: number;
  readonly to: number;
  readonly direction: TraceDirection;
  readonly snr: number | null;
}

/** What the traceroute page shows of an answer. */
export interface TraceRoute {
  /** Who asked, and the node traced. */
  readonly requester: number | null;
  readonly destination: number | null;
  readonly forward: TracePath | null;
  readonly back: TracePath | null;
  /** No reply was heard yet: `forward` stops where the request was last heard. */
  readonly pending: boolean;
}

/**
 * `snrs` lined up with the `links` links of a path: one per link, `null` past the end of the
 * list (a firmware that sends no SNRs, a request still on its way).
 */
export function alignSnrs(
  snrs: readonly (number | null)[] | null | undefined,
  links: number,
): (number | null)[] {
  return Array.from({ length: Math.max(0, links) }, (_, i) => snrs?.[i] ?? null);
}

/**
 * The paths to show from `/api/traceroute/{id}`: the winning paths (already oriented by the API:
 * forward from the requester to the destination, return back from the destination) with their
 * links' SNRs; without a reply, the first report of the request, from its sender through the
 * hops it has passed. `null` when no gateway reported it as a traceroute.
 */
export function traceRoute(answer: TracerouteResponse): TraceRoute | null {
  const { packet, winning_paths: winning, traceroute_packets: reports } = answer;
  if (winning.forward) {
    const path = (nodes: readonly number[], snrs: readonly (number | null)[] | null) => ({
      nodes,
      snrs: alignSnrs(snrs, nodes.length - 1),
    });
    return {
      requester: winning.forward[0] ?? null,
      destination: winning.forward.at(-1) ?? null,
      forward: path(winning.forward, winning.forward_snr),
      back: winning.reverse ? path(winning.reverse, winning.reverse_snr) : null,
      pending: false,
    };
  }
  const first = reports[0];
  if (!first) return null;
  const nodes = packet.from === null ? first.forward_hops : [packet.from, ...first.forward_hops];
  return {
    requester: packet.from,
    destination: packet.to,
    forward:
      nodes.length > 0 ? { nodes, snrs: alignSnrs(first.snr_towards, nodes.length - 1) } : null,
    back: null,
    pending: true,
  };
}

/** The links of a path, in order, each with its SNR. */
export function pathLinks(path: TracePath, direction: TraceDirection): TraceLink[] {
  return path.nodes.slice(1).map((to, i) => ({
    from: path.nodes[i]!,
    to,
    direction,
    snr: path.snrs[i] ?? null,
  }));
}

/** Every link of a route: the forward path's, then the return path's. */
export function routeLinks(route: TraceRoute): TraceLink[] {
  return [
    ...(route.forward ? pathLinks(route.forward, 'forward') : []),
    ...(route.back ? pathLinks(route.back, 'return') : []),
  ];
}

/**
 * A report's paths as its gateway heard them: `forward_hops` between the requester and the
 * destination (for a request still on its way, from its sender), `reverse_hops` back; each with
 * its SNRs. The requester and destination come from the route.
 */
export function reportPaths(
  report: TracerouteResponse['traceroute_packets'][number],
  route: Pick<TraceRoute, 'requester' | 'destination'>,
): { forward: TracePath; back: TracePath | null } {
  const ends = (first: number | null, hops: readonly number[], last: number | null | undefined) => [
    ...(first === null ? [] : [first]),
    ...hops,
    ...(last === null || last === undefined ? [] : [last]),
  ];
  const forwardNodes = ends(
    route.requester,
    report.forward_hops,
    report.done ? route.destination : undefined,
  );
  const backNodes = ends(route.destination, report.reverse_hops, route.requester);
  const hasBack = report.done && (report.reverse_hops.length > 0 || report.snr_back.length > 0);
  return {
    forward: { nodes: forwardNodes, snrs: alignSnrs(report.snr_towards, forwardNodes.length - 1) },
    back: hasBack
      ? { nodes: backNodes, snrs: alignSnrs(report.snr_back, backNodes.length - 1) }
      : null,
  };
}

/** Gateways whose reports of a traceroute hold the same paths, and those paths. */
export interface ReportGroup {
  /** What the paths are (nodes, SNRs, done): the group's identity. */
  readonly key: string;
  /** The gateways (`null`: not known), in the order their reports arrived. */
  readonly gateways: readonly (number | null)[];
  readonly paths: ReturnType<typeof reportPaths>;
  readonly done: boolean;
}

/**
 * The reports grouped by the paths they hold (see {@link reportPaths}), in the order each
 * group's first report arrived: a reply heard alike by eight gateways is one group of eight.
 */
export function reportGroups(
  reports: TracerouteResponse['traceroute_packets'],
  route: Pick<TraceRoute, 'requester' | 'destination'>,
): ReportGroup[] {
  const groups = new Map<
    string,
    { gateways: (number | null)[]; group: Omit<ReportGroup, 'gateways'> }
  >();
  for (const report of reports) {
    const paths = reportPaths(report, route);
    const key = JSON.stringify([report.done, paths.forward, paths.back]);
    const found = groups.get(key);
    if (found) found.gateways.push(report.gateway_node_id);
    else
      groups.set(key, {
        gateways: [report.gateway_node_id],
        group: { key, paths, done: report.done },
      });
  }
  return [...groups.values()].map(({ gateways, group }) => ({ ...group, gateways }));
}
