import type { Packet } from '@meshview/api';

/** How many rows the page keeps unless the visitor asks for another number (MeshView's 400). */
export const DEFAULT_ROWS = 400;
/** The fewest and most rows a visitor can ask for with `?rows=`. */
export const MIN_ROWS = 50;
export const MAX_ROWS = 1000;

/** The page's packets: the rows shown, and those that arrived while it was paused. */
export interface RowBuffer {
  /** Newest first, at most the page's row limit. */
  readonly rows: readonly Packet[];
  /** Arrived while paused, newest first, at most the row limit (older ones would drop anyway). */
  readonly pending: readonly Packet[];
  /** How many packets arrived while paused (the "12 new" count), dropped ones included. */
  readonly newCount: number;
}

/** A buffer with nothing in it. */
export const EMPTY_BUFFER: RowBuffer = { rows: [], pending: [], newCount: 0 };

/**
 * The row limit a `?rows=` value asks for: a whole number clamped to {@link MIN_ROWS}…
 * {@link MAX_ROWS}; {@link DEFAULT_ROWS} when absent or not a number.
 *
 * @example
 * rowLimit('20') // 50
 */
export function rowLimit(value: string | null): number {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return DEFAULT_ROWS;
  return Math.min(MAX_ROWS, Math.max(MIN_ROWS, Number(value)));
}

/** `packets` without repeated ids (the first of each kept), at most `limit` of them. */
function bounded(packets: readonly Packet[], limit: number): Packet[] {
  const seen = new Set<number>();
  const kept: Packet[] = [];
  for (const packet of packets) {
    if (kept.length >= limit) break;
    if (seen.has(packet.id)) continue;
    seen.add(packet.id);
    kept.push(packet);
  }
  return kept;
}

/** Newest import time first; a packet without one goes last. Stable for equal times. */
function newestFirst(packets: readonly Packet[]): Packet[] {
  return [...packets].sort((a, b) => (b.import_time_us ?? -1) - (a.import_time_us ?? -1));
}

/**
 * The buffer once the page's first request has answered with `packets` (newest first): they join
 * what arrived live meanwhile, in time order, each packet once, bounded to `limit`.
 */
export function withLoaded(
  buffer: RowBuffer,
  packets: readonly Packet[],
  limit: number,
): RowBuffer {
  return { ...buffer, rows: bounded(newestFirst([...buffer.rows, ...packets]), limit) };
}

/**
 * The buffer once `packets` arrived live (in delivery order, oldest first): at the top of the
 * rows, or, while `paused`, set aside and counted. Rows past `limit` drop off the bottom.
 */
export function withArrived(
  buffer: RowBuffer,
  packets: readonly Packet[],
  options: { readonly paused: boolean; readonly limit: number },
): RowBuffer {
  if (packets.length === 0) return buffer;
  const newest = [...packets].reverse();
  if (!options.paused) {
    return { ...buffer, rows: bounded([...newest, ...buffer.rows], options.limit) };
  }
  const known = new Set([...buffer.rows, ...buffer.pending].map((p) => p.id));
  const fresh = newest.filter((p) => !known.has(p.id));
  return {
    ...buffer,
    pending: bounded([...fresh, ...buffer.pending], options.limit),
    newCount: buffer.newCount + new Set(fresh.map((p) => p.id)).size,
  };
}

/** The buffer after a pause: what arrived meanwhile on top of the rows, still bounded. */
export function resumed(buffer: RowBuffer, limit: number): RowBuffer {
  return { rows: bounded([...buffer.pending, ...buffer.rows], limit), pending: [], newCount: 0 };
}
