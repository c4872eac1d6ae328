import { asObject, numberList } from '../json-fields.js';

/** What firmware's TraceRouteModule writes for a hop SNR it did not measure (INT8_MIN). */
const UNKNOWN_SNR = -128;

/** One path of a traceroute: the nodes in order and the SNR each one heard the previous at. */
export interface TracePath {
  readonly nodes: readonly number[];
  /** `snrs[i]` is the SNR (dB) at `nodes[i + 1]`; `null` when not measured. */
  readonly snrs: readonly (number | null)[];
  /** The path stops before its destination (a request still on its way). */
  readonly incomplete: boolean;
}

/**
 * The forward and return paths of a `RouteDiscovery`. A reply (the packet does not ask for an
 * answer: the API's `want_response` is absent) goes from the packet's `to` (who asked) to its
 * `from` (who answered); a request on its way (`want_response`) goes from `from` towards `to`.
 * The route lists alone cannot tell them apart: a request heard before any relay and a reply from
 * firmware that sends no SNRs both carry empty lists. SNRs travel as dB × 4 (mesh.proto), unknown
 * ones as −128, unknown relays as 0xFFFFFFFF.
 */
export function tracePaths(
  decoded: unknown,
  from: number,
  to: number,
  wantResponse: boolean,
): { towards: TracePath; back: TracePath | null } {
  const discovery = asObject(decoded);
  const route = numberList(discovery, 'route');
  const snrTowards = numberList(discovery, 'snrTowards');
  const routeBack = numberList(discovery, 'routeBack');
  const snrBack = numberList(discovery, 'snrBack');
  const snr = (value: number | undefined) =>
    value === undefined || value === UNKNOWN_SNR ? null : value / 4;
  if (wantResponse) {
    const nodes = [from, ...route];
    return {
      towards: { nodes, snrs: nodes.slice(1).map((_, i) => snr(snrTowards[i])), incomplete: true },
      back: null,
    };
  }
  const towards = [to, ...route, from];
  const back = [from, ...routeBack, to];
  return {
    towards: {
      nodes: towards,
      snrs: towards.slice(1).map((_, i) => snr(snrTowards[i])),
      incomplete: false,
    },
    back:
      routeBack.length > 0 || snrBack.length > 0
        ? { nodes: back, snrs: back.slice(1).map((_, i) => snr(snrBack[i])), incomplete: false }
        : null,
  };
}
