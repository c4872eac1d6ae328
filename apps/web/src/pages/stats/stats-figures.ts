import type { Node, StatsBucket } from '@meshview/api';

/** The URL value of the channel picker for "all channels" (`channel=*`; absent: the busiest). */
export const ALL_CHANNELS = '*';

/**
 * The channel with the most packets in `buckets` (`/api/stats?group_by=channel`), summed over
 * every period; ties go to the first name by code point; `undefined` when no bucket names one.
 *
 * @example
 * busiestChannel([{ period: 'a', count: 2, channel: 'B' }, { period: 'b', count: 2, channel: 'A' }]) // 'A'
 */
export function busiestChannel(buckets: readonly StatsBucket[]): string | undefined {
  let best: [string, number] | undefined;
  for (const [name, count] of channelTotals(buckets)) {
    if (!best || count > best[1] || (count === best[1] && name < best[0])) best = [name, count];
  }
  return best?.[0];
}

/** Packets per channel over all of `buckets` (those without a channel left out), by name. */
export function channelTotals(buckets: readonly StatsBucket[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const { channel, count } of buckets) {
    if (channel === undefined || channel === null) continue;
    totals.set(channel, (totals.get(channel) ?? 0) + count);
  }
  return new Map([...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Packets per port over all of `buckets` (`group_by=portnum`), most first, then by port. */
export function portTotals(buckets: readonly StatsBucket[]): [portnum: number, count: number][] {
  const totals = new Map<number, number>();
  for (const { portnum, count } of buckets) {
    if (portnum === undefined) continue;
    totals.set(portnum, (totals.get(portnum) ?? 0) + count);
  }
  return [...totals].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

/**
 * How many of `nodes` have each value of `key` (`null` and `''` count as `unknown`), most first,
 * then by value: the stats page's breakdowns by hardware, role, channel and firmware.
 *
 * @example
 * countBy(nodes, 'role', 'unknown') // [['CLIENT', 12], ['ROUTER', 3], ['unknown', 1]]
 */
export function countBy(
  nodes: readonly Node[],
  key: 'hw_model' | 'role' | 'channel' | 'firmware',
  unknown: string,
): [value: string, count: number][] {
  const counts = new Map<string, number>();
  for (const node of nodes) {
    const value = node[key] || unknown;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * The labels of every bucket `/api/stats` could answer for the last `length` hours or days
 * (`2026-12-06 09:00`, `2026-12-06`; UTC), oldest first, merged with `known` (the answer's, in
 * case the clocks differ at a boundary): an axis with a place for the periods without packets.
 */
export function periodLabels(
  period: 'hour' | 'day',
  length: number,
  nowMs: number,
  known: readonly string[] = [],
): string[] {
  const stepMs = period === 'hour' ? 3_600_000 : 86_400_000;
  const labels = new Set(known);
  const last = Math.floor(nowMs / stepMs) * stepMs;
  for (let at = last - length * stepMs; at <= last; at += stepMs) {
    const iso = new Date(at).toISOString();
    labels.add(
      period === 'hour' ? `${iso.slice(0, 10)} ${iso.slice(11, 13)}:00` : iso.slice(0, 10),
    );
  }
  return [...labels].sort();
}
