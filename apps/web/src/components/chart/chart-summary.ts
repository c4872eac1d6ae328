import type { ChartSeries } from './chart-types.js';

/** What a series holds, for its text summary: how many values, their range and the last one. */
export interface SeriesFacts {
  readonly name: string;
  readonly count: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly last: number | null;
  readonly total: number;
}

/** The facts of each series (values that are `null` are gaps and not counted). */
export function seriesFacts(series: readonly ChartSeries[]): SeriesFacts[] {
  return series.map((s) => {
    const values = s.points.map(([, y]) => y).filter((y): y is number => y !== null);
    return {
      name: s.name,
      count: values.length,
      min: values.length ? Math.min(...values) : null,
      max: values.length ? Math.max(...values) : null,
      last: values.at(-1) ?? null,
      total: values.reduce((sum, y) => sum + y, 0),
    };
  });
}
