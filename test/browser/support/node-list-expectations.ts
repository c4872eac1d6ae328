/**
 * What `/nodelist` must show for the generator's record of what it sent (`site.mesh.record`):
 * the nodes the writer learnt of (a readable NODEINFO names a node, a readable POSITION places
 * it; nothing else makes a `node` row), with what those packets said, the gateways that
 * reported packets, and the list's order, search and CSV computed the page's way.
 */
import type { MeshRecord, SimPacket } from '@meshview/sim';

const DAY_US = 86_400_000_000;

/** A node as the list must show it. */
export interface ListedNode {
  readonly num: number;
  readonly id: string;
  /** From its last readable NODEINFO; null when none was heard (the list then shows the id). */
  readonly longName: string | null;
  readonly shortName: string | null;
  readonly hwModel: string | null;
  readonly role: string | null;
  /** The channel of its last readable NODEINFO. */
  readonly channel: string | null;
  /** Whether it reported packets to MQTT as a gateway. */
  readonly gateway: boolean;
  /** Degrees × 1e7 of its last readable position (by import time), null without one. */
  readonly lastLat: number | null;
  readonly lastLong: number | null;
  /** The import time (µs) of its last readable NODEINFO or POSITION report. */
  readonly lastSeenUs: number;
}

/** The last import (µs) of a packet's reports, all of which the record keeps before `nowUs`. */
const lastImportUs = (p: SimPacket): number => Math.max(...p.receptions.map((r) => r.importUs));

/**
 * The nodes `/api/nodes?days_active=<days>` lists for the record (the site's clock being the
 * record's `nowUs`), in the list's default order: the most recently seen first, ties by node
 * number.
 */
export function listedNodes(record: MeshRecord, days = 3): ListedNode[] {
  const gateways = new Set(record.packets.flatMap((p) => p.receptions.map((r) => r.gateway)));
  interface Learnt {
    info?: { at: number; packet: SimPacket };
    position?: { at: number; lat: number; long: number };
    seenUs: number;
  }
  const learnt = new Map<number, Learnt>();
  const entry = (num: number): Learnt => {
    let e = learnt.get(num);
    if (!e) learnt.set(num, (e = { seenUs: 0 }));
    return e;
  };
  for (const p of record.packets) {
    if (!p.decodable) continue;
    const at = lastImportUs(p);
    const c = p.content;
    if (c.kind === 'nodeinfo') {
      const e = entry(parseInt(c.id.slice(1), 16));
      if (!e.info || e.info.at <= at) e.info = { at, packet: p };
      e.seenUs = Math.max(e.seenUs, at);
    } else if (c.kind === 'position' && c.latitudeI !== 0 && c.longitudeI !== 0) {
      const e = entry(p.from);
      if (!e.position || e.position.at <= at) {
        e.position = { at, lat: c.latitudeI, long: c.longitudeI };
      }
      e.seenUs = Math.max(e.seenUs, at);
    }
  }
  const since = record.nowUs - days * DAY_US;
  const nodes: ListedNode[] = [];
  for (const [num, e] of learnt) {
    if (e.seenUs < since) continue;
    const info = e.info?.packet;
    const user = info?.content.kind === 'nodeinfo' ? info.content : null;
    nodes.push({
      num,
      id: `!${num.toString(16).padStart(8, '0')}`,
      longName: user?.longName ?? null,
      shortName: user?.shortName ?? null,
      hwModel: user?.hwModel ?? null,
      role: user?.role ?? null,
      channel: info?.channel ?? null,
      gateway: gateways.has(num),
      lastLat: e.position?.lat ?? null,
      lastLong: e.position?.long ?? null,
      lastSeenUs: e.seenUs,
    });
  }
  return nodes.sort((a, b) => b.lastSeenUs - a.lastSeenUs || a.num - b.num);
}

/** The name the list shows for a node: its long name, else its id. */
export const shownName = (n: ListedNode): string => n.longName?.trim() || n.id;

/** The page's search: the lowercase text in the short or long name, decimal or `!hex` id. */
export function matchesSearch(n: ListedNode, query: string): boolean {
  const needle = query.trim().toLowerCase();
  const key = [n.shortName ?? '', n.longName ?? '', String(n.num), n.id].join('\u0000');
  return key.toLowerCase().includes(needle);
}

/** Nodes sorted by long name in `lang` (as the page's column sort does: ties by node number). */
export function byLongName(nodes: readonly ListedNode[], dir: 'asc' | 'desc', lang = 'en') {
  const collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });
  const sign = dir === 'asc' ? 1 : -1;
  return [...nodes].sort((a, b) => {
    if (a.longName === null || b.longName === null) {
      if (a.longName === b.longName) return a.num - b.num;
      return a.longName === null ? 1 : -1;
    }
    return sign * collator.compare(a.longName, b.longName) || a.num - b.num;
  });
}

/** A filter dropdown's options: "All", then each value with its count, in `lang`'s order. */
export function filterOptions(
  nodes: readonly ListedNode[],
  field: 'role' | 'channel' | 'hwModel',
  all: string,
  lang = 'en',
): string[] {
  const counts = new Map<string, number>();
  for (const n of nodes) {
    const value = n[field];
    if (value !== null && value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const collator = new Intl.Collator(lang, { numeric: true });
  return [
    all,
    ...[...counts]
      .sort(([a], [b]) => collator.compare(a, b))
      .map(([value, count]) => `${value} (${count})`),
  ];
}

/** A coordinate as the list's latitude and longitude columns show it (4 decimals, English). */
export const shownDegrees = (valueI: number | null): string =>
  valueI === null
    ? '—'
    : new Intl.NumberFormat('en', { minimumFractionDigits: 4, maximumFractionDigits: 4 }).format(
        valueI / 1e7,
      );

/** The CSV fields of a node, as the page's export writes them (header `CSV_HEADER`). */
export const csvFields = (n: ListedNode): string[] => [
  String(n.num),
  n.id,
  n.shortName ?? '',
  n.longName ?? '',
  n.hwModel ?? '',
  // The simulated nodes send no firmware version.
  '',
  n.role ?? '',
  n.lastLat === null ? '' : String(n.lastLat / 1e7),
  n.lastLong === null ? '' : String(n.lastLong / 1e7),
  n.channel ?? '',
  n.gateway ? 'true' : '',
  new Date(n.lastSeenUs / 1000).toISOString(),
];

/** The records of an RFC 4180 CSV text (quoted fields, CRLF line ends). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else {
      field += ch;
    }
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}
