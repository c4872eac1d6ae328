/**
 * What `/nodegraph` must list for the generator's record (`site.mesh.record`): every directed
 * link the traceroutes and NeighborInfo packets of a window imply, with the kinds that saw it,
 * how many packets, the mean SNR at the receiving end and whether the link back exists. The
 * traceroutes are recomputed from the record too (one report per gateway that heard a readable
 * traceroute; the paths as `/api/traceroute` draws them, MeshView issue #112).
 */
import type { MeshRecord, SimPacket } from '@meshview/sim';
import { listedNodes } from './node-list-expectations.js';

/** A link as the page's table must list it. */
export interface ExpectedLink {
  readonly from: number;
  readonly to: number;
  /** Space-separated, traceroute first: `data-kind`. */
  readonly kind: string;
  readonly oneWay: boolean;
  /** Mean dB, 2 places; null when no report carried one. */
  readonly snr: number | null;
  readonly reports: number;
}

/** A traceroute's SNR for a hop nobody measured. */
const UNKNOWN_SNR = -128;
/** When the writer stored a packet (`packet.import_time_us`): its first report. */
const firstImportUs = (p: SimPacket): number => Math.min(...p.receptions.map((r) => r.importUs));

/**
 * The links of the reports imported at or after `sinceUs` (the page's `data-since-us`), by
 * `from` then `to`, without links from a node to itself (the page leaves them out).
 */
export function windowLinks(record: MeshRecord, sinceUs: number): ExpectedLink[] {
  interface Tally {
    kinds: Set<'traceroute' | 'neighbor'>;
    packets: Set<number>;
    sum: number;
    count: number;
  }
  const links = new Map<string, Tally & { from: number; to: number }>();
  const add = (
    from: number,
    to: number,
    kind: 'traceroute' | 'neighbor',
    packet: number,
    snr: number | null,
  ) => {
    const key = `${from}>${to}`;
    let t = links.get(key);
    if (!t) {
      t = { from, to, kinds: new Set(), packets: new Set(), sum: 0, count: 0 };
      links.set(key, t);
    }
    t.kinds.add(kind);
    if (t.packets.has(packet)) return;
    t.packets.add(packet);
    if (snr !== null) {
      t.sum += snr;
      t.count += 1;
    }
  };
  const path = (ids: readonly number[], snr: readonly number[], packet: number) => {
    for (let k = 1; k < ids.length; k += 1) {
      const q = snr[k - 1];
      add(
        ids[k - 1]!,
        ids[k]!,
        'traceroute',
        packet,
        q === undefined || q === UNKNOWN_SNR ? null : q / 4,
      );
    }
  };
  for (const p of record.packets) {
    if (!p.decodable || p.receptions.length === 0) continue;
    const c = p.content;
    if (c.kind === 'traceroute') {
      // One traceroute row per gateway report, at that report's import time.
      for (const r of p.receptions) {
        if (r.importUs < sinceUs) continue;
        if (p.wantResponse) {
          path([p.from, ...c.route, r.gateway], c.snrTowards, p.id);
        } else {
          path([p.to, ...c.route, p.from], c.snrTowards, p.id);
          if (c.routeBack.length > 0) path([p.from, ...c.routeBack, p.to], c.snrBack, p.id);
        }
      }
    } else if (c.kind === 'neighborinfo' && firstImportUs(p) >= sinceUs) {
      for (const n of c.neighbors) add(n.nodeId, p.from, 'neighbor', p.id, n.snr);
    }
  }
  return [...links.values()]
    .filter((l) => l.from !== l.to)
    .map((l) => ({
      from: l.from,
      to: l.to,
      kind: (['traceroute', 'neighbor'] as const).filter((k) => l.kinds.has(k)).join(' '),
      oneWay: !links.has(`${l.to}>${l.from}`),
      snr: l.count === 0 ? null : Math.round((l.sum / l.count) * 100) / 100,
      reports: l.packets.size,
    }))
    .sort((a, b) => a.from - b.from || a.to - b.to);
}

/** How many lines the canvas draws for these links: a two-way pair once, a one-way link once. */
export function drawnLineCount(links: readonly ExpectedLink[]): number {
  return links.filter((l) => l.oneWay).length + links.filter((l) => !l.oneWay).length / 2;
}

/** Each node's channel as `/api/nodes` has it (its last readable NODEINFO's), `''` unknown. */
export function nodeChannels(record: MeshRecord): Map<number, string> {
  return new Map(listedNodes(record, 36500).map((n) => [n.num, n.channel ?? '']));
}
