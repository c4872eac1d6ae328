import type { ChartProps } from './chart-types.js';
import { categoriesOf } from './chart-option.js';

/**
 * A chart's series as one table: the x value, then one column per series (empty where a series
 * has no value at that x). Times are ISO 8601 in UTC, so a spreadsheet reads them the same
 * everywhere.
 */
export function chartTable(
  series: ChartProps['series'],
  x: ChartProps['x'],
): { header: string[]; rows: (string | number | null)[][] } {
  const header = [x.name, ...series.map((s) => s.name)];
  const xs =
    x.type === 'time'
      ? [...new Set(series.flatMap((s) => s.points.map(([value]) => Number(value))))].sort(
          (a, b) => a - b,
        )
      : [...(x.categories ?? categoriesOf(series))];
  const columns = series.map((s) => {
    const byX = new Map<string, number | null>();
    for (const [value, y] of s.points)
      byX.set(String(x.type === 'time' ? Number(value) : value), y);
    return byX;
  });
  const rows = xs.map((value) => [
    x.type === 'time' ? new Date(Number(value)).toISOString() : String(value),
    ...columns.map((column) => column.get(String(value)) ?? null),
  ]);
  return { header, rows };
}
