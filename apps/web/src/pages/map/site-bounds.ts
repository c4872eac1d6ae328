import type { ConfigResponse } from '@meshview/api';

/**
 * `[[south, west], [north, east]]` of `[site] map_top_left_lat/lon` and
 * `map_bottom_right_lat/lon`, the view the map fits without `?lat&lng&zoom` (as MeshView);
 * `null` when they do not make a box (equal corners, a bottom above the top).
 */
export function siteBounds(
  site: ConfigResponse['site'],
): [readonly [number, number], readonly [number, number]] | null {
  const north = site.map_top_left_lat;
  const west = site.map_top_left_lon;
  const south = site.map_bottom_right_lat;
  const east = site.map_bottom_right_lon;
  if (![north, west, south, east].every(Number.isFinite)) return null;
  if (!(north > south) || west === east) return null;
  return [
    [south, west],
    [north, east],
  ];
}
