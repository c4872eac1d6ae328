import type { Edge } from '@meshview/api';
import type { ReportedNeighbor } from '../../payload/neighbor-report.js';
import type { RouteHops } from '../../payload/route-hops.js';
import { traceroutePaths, type TracerouteReport } from './traceroute-paths.js';

type EdgeKind = Edge['type'];

/** What a traceroute's SNR lists hold for a hop nobody measured (`INT8_MIN`). */
const UNKNOWN_SNR = -128;

interface Tally {
  readonly from: number;
  readonly to: number;
  readonly kinds: Set<EdgeKind>;
  /** The packets counted, so that a packet several gateways reported counts once. */
  readonly packets: Set<number>;
  snrSum: number;
  snrCount: number;
  lastUs: number;
}

/**
 * The directed links of a window's reports, one per (from, to): which kinds of report saw each,
 * how many packets, the mean SNR at which `to` heard `from`, the newest report's time.
 *
 * - A NeighborInfo packet from R listing N with `snr` is the link N → R (R hears N with it).
 * - A traceroute report gives the links of its paths ({@link traceroutePaths}); hop k of the
 *   forward path carries `snr_towards[k] / 4` dB, of the return path `snr_back[k] / 4`.
 */
export class LinkTally {
  readonly #links = new Map<string, Tally>();

  /** One gateway's report of a traceroute packet (`packetId`), imported at `atUs`. */
  addTraceroute(
    packetId: number,
    atUs: number,
    report: Omit<TracerouteReport, 'route' | 'routeBack'>,
    hops: RouteHops,
  ): void {
    const paths = traceroutePaths({ ...report, route: hops.route, routeBack: hops.routeBack });
    // A path that lost an end (a packet not stored) no longer lines up with its SNR list.
    const whole = (path: readonly number[], hopCount: number) => path.length === hopCount + 2;
    const forwardSnr = whole(paths.forward, hops.route.length) ? hops.snrTowards : [];
    const backSnr = whole(paths.reverse, hops.routeBack.length) ? hops.snrBack : [];
    this.#addPath(paths.forward, forwardSnr, packetId, atUs);
    this.#addPath(paths.reverse, backSnr, packetId, atUs);
  }

  /** A NeighborInfo packet (`packetId`) from `reporter`, imported at `atUs`. */
  addNeighborReport(
    packetId: number,
    atUs: number,
    reporter: number,
    neighbors: readonly ReportedNeighbor[],
  ): void {
    for (const n of neighbors) this.#add(n.nodeId, reporter, 'neighbor', packetId, atUs, n.snr);
  }

  /** The links, by `from` then `to`. */
  edges(): Edge[] {
    return [...this.#links.values()]
      .sort((a, b) => a.from - b.from || a.to - b.to)
      .map((t) => {
        const kinds = (['traceroute', 'neighbor'] as const).filter((k) => t.kinds.has(k));
        return {
          from: t.from,
          to: t.to,
          type: kinds[0]!,
          kinds,
          reports: t.packets.size,
          snr: t.snrCount === 0 ? null : Math.round((t.snrSum / t.snrCount) * 100) / 100,
          last_us: t.lastUs,
        };
      });
  }

  #addPath(path: readonly number[], snr: readonly number[], packetId: number, atUs: number) {
    for (let i = 1; i < path.length; i += 1) {
      const quarterDb = snr[i - 1];
      const db = quarterDb === undefined || quarterDb === UNKNOWN_SNR ? null : quarterDb / 4;
      this.#add(path[i - 1]!, path[i]!, 'traceroute', packetId, atUs, db);
    }
  }

  #add(
    from: number,
    to: number,
    kind: EdgeKind,
    packetId: number,
    atUs: number,
    snr: number | null,
  ) {
    const key = `${from}>${to}`;
    let tally = this.#links.get(key);
    if (tally === undefined) {
      tally = {
        from,
        to,
        kinds: new Set(),
        packets: new Set(),
        snrSum: 0,
        snrCount: 0,
        lastUs: atUs,
      };
      this.#links.set(key, tally);
    }
    tally.kinds.add(kind);
    tally.lastUs = Math.max(tally.lastUs, atUs);
    if (tally.packets.has(packetId)) return;
    tally.packets.add(packetId);
    if (snr !== null) {
      tally.snrSum += snr;
      tally.snrCount += 1;
    }
  }
}
