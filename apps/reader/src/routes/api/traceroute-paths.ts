/** A traceroute report's facts the paths are drawn from. */
export interface TracerouteReport {
  /** The packet's sender and receiver. */
  readonly from: number | null;
  readonly to: number | null;
  readonly gatewayNodeId: number | null;
  /** A reply (`want_response` unset): the traced node answering the requester. */
  readonly done: boolean;
  readonly route: readonly number[];
  readonly routeBack: readonly number[];
  /**
   * The SNRs measured back, when the caller reads them: a reply that came straight back (no
   * relay in `routeBack`) still measured its one link, so it has a return path `from → to`.
   */
  readonly snrBack?: readonly number[];
}

/** The paths a report shows, each a list of node numbers from its start to its end. */
export interface TraceroutePaths {
  /** Requester to traced node (for a request still travelling: sender to the gateway). */
  readonly forward: readonly number[];
  /** Traced node back to the requester; empty unless the report is a reply with a return path. */
  readonly reverse: readonly number[];
}

const known = (ids: readonly (number | null)[]): number[] =>
  ids.filter((id): id is number => id !== null);

/**
 * The paths of one traceroute report. A reply is sent by the traced node to the requester, so
 * its forward path (`route`) runs from the packet's `to` to its `from`, and its return path
 * (`route_back`) from its `from` to its `to`. MeshView draws both from the packet's sender,
 * which swaps the ends (MeshView issue #112). A request still on its way runs from its sender
 * through `route` to the gateway that heard it.
 */
export function traceroutePaths(report: TracerouteReport): TraceroutePaths {
  if (!report.done) {
    return { forward: known([report.from, ...report.route, report.gatewayNodeId]), reverse: [] };
  }
  return {
    forward: known([report.to, ...report.route, report.from]),
    reverse:
      report.routeBack.length > 0 || (report.snrBack?.length ?? 0) > 0
        ? known([report.from, ...report.routeBack, report.to])
        : [],
  };
}
