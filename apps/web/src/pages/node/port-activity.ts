import type { StatsBucket } from '@meshview/api';
import type { ChartSeries } from '../../components/chart/chart-types.js';

/** The last `days` UTC days as `/api/stats` labels them (`2026-12-06`), oldest first. */
export function lastDays(days: number, nowMs: number): string[] {
  const today = Math.floor(nowMs / 86_400_000);
  return Array.from({ length: days }, (_, i) =>
    new Date((today - days + 1 + i) * 86_400_000).toISOString().slice(0, 10),
  );
}

/**
 * Stacked bar series, one per port with packets, from `/api/stats` buckets grouped by port
 * (each bucket's `portnum`); days without packets are 0. Ports in ascending number.
 */
export function portActivitySeries(
  buckets: readonly StatsBucket[],
  days: readonly string[],
  portLabel: (portnum: number) => string,
  portColor: (portnum: number) => number,
): ChartSeries[] {
  const byPort = new Map<number, Map<string, number>>();
  for (const bucket of buckets) {
    if (bucket.portnum === undefined || !days.includes(bucket.period)) continue;
    const counts = byPort.get(bucket.portnum) ?? new Map<string, number>();
    counts.set(bucket.period, (counts.get(bucket.period) ?? 0) + bucket.count);
    byPort.set(bucket.portnum, counts);
  }
  return [...byPort]
    .sort(([a], [b]) => a - b)
    .map(([portnum, counts]) => ({
      name: portLabel(portnum),
      type: 'bar' as const,
      stack: 'ports',
      colorIndex: portColor(portnum),
      points: days.map((day) => [day, counts.get(day) ?? 0] as const),
    }));
}
