import type { PacketSeen } from '@meshview/api';

/** The colour of each hop count 0–7 on the map and in the legend; `UNKNOWN_HOPS_COLOR` else. */
export const HOP_COLORS = [
  '#1a7f37',
  '#5c940d',
  '#8f8a00',
  '#c47f00',
  '#d9480f',
  '#c92a2a',
  '#a61e4d',
  '#6741d9',
] as const;

/** Colour of a reception whose hop count is not known. */
export const UNKNOWN_HOPS_COLOR = '#6c757d';

/**
 * Hops a packet travelled before a gateway heard it: `hop_start − hop_limit`. `null` when not
 * known: a field missing, or `hop_start` 0, which firmware before 2.3 sends (it had no
 * `hop_start`), or a limit above the start.
 */
export function hopsOf(seen: Pick<PacketSeen, 'hop_start' | 'hop_limit'>): number | null {
  const { hop_start: start, hop_limit: limit } = seen;
  if (start === null || limit === null || start === 0 || limit > start) return null;
  return start - limit;
}

/** The colour for a hop count (7 and more share the last colour). */
export function hopColor(hops: number | null): string {
  if (hops === null) return UNKNOWN_HOPS_COLOR;
  return HOP_COLORS[Math.min(hops, HOP_COLORS.length - 1)]!;
}
