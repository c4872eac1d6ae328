/** The periods the heat map offers, in days of activity; 3 (MeshView's map) by default. */
export const HEATMAP_DAYS = [1, 3, 7, 30] as const;

/** One of {@link HEATMAP_DAYS}. */
export type HeatmapDays = (typeof HEATMAP_DAYS)[number];

/** The period in the URL's `days`, or 3 when it is absent or not one offered. */
export function parseHeatmapDays(query: URLSearchParams): HeatmapDays {
  const value = Number(query.get('days'));
  return HEATMAP_DAYS.find((d) => d === value) ?? 3;
}
