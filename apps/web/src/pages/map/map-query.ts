import { DEFAULT_FILTERS, mapDays, type MapFilters } from './map-filters.js';

/** Where the map looks: centre in degrees and zoom level (MeshView's `?lat&lng&zoom`). */
export interface MapView {
  readonly lat: number;
  readonly lng: number;
  readonly zoom: number;
}

/** The zoom levels the map offers. */
export const MIN_ZOOM = 1;
export const MAX_ZOOM = 19;

/** The filters' query parameters (beside `lat`, `lng`, `zoom`). */
const FILTER_KEYS = ['days', 'role', 'gateways', 'hide_channel'] as const;

/**
 * The view in a map URL's query, or `null` when `lat`, `lng` and `zoom` are not all there and
 * in range (the page then fits `[site] map_*` bounds, as MeshView does).
 */
export function viewFromQuery(query: URLSearchParams): MapView | null {
  const number = (key: string) => {
    const text = query.get(key);
    return text === null || text.trim() === '' ? NaN : Number(text);
  };
  const lat = number('lat');
  const lng = number('lng');
  const zoom = number('zoom');
  if (!(Math.abs(lat) <= 90 && Math.abs(lng) <= 180)) return null;
  if (!(zoom >= MIN_ZOOM && zoom <= MAX_ZOOM)) return null;
  return { lat, lng, zoom };
}

/**
 * The filters in a map URL's query (`days`, `role`, `gateways=1`, `hide_channel` once per
 * hidden channel), over the defaults; `null` when it has none of them. A value the page does not
 * offer (`days=2`) is left at its default.
 */
export function filtersFromQuery(query: URLSearchParams): MapFilters | null {
  if (!FILTER_KEYS.some((key) => query.has(key))) return null;
  const role = query.get('role')?.trim() ?? '';
  return {
    days: mapDays(query.get('days')) ?? DEFAULT_FILTERS.days,
    role: role === '' ? null : role.toUpperCase(),
    gatewaysOnly: query.get('gateways') === '1' || query.get('gateways') === 'true',
    hiddenChannels: [...new Set(query.getAll('hide_channel'))],
  };
}

/**
 * The query string of a view and its filters (without `?`): what "Share view" gives and the
 * address bar keeps. Coordinates keep 5 decimals (about a metre); default filters are left out.
 *
 * @example
 * mapQuery({ lat: 37.8, lng: -122.4, zoom: 10 }, { ...DEFAULT_FILTERS, gatewaysOnly: true })
 * // 'lat=37.8&lng=-122.4&zoom=10&gateways=1'
 */
export function mapQuery(view: MapView, filters: MapFilters): string {
  const query = new URLSearchParams();
  query.set('lat', String(round(view.lat, 5)));
  query.set('lng', String(round(view.lng, 5)));
  query.set('zoom', String(round(view.zoom, 2)));
  if (filters.days !== DEFAULT_FILTERS.days) query.set('days', String(filters.days));
  if (filters.role !== null) query.set('role', filters.role);
  if (filters.gatewaysOnly) query.set('gateways', '1');
  for (const channel of filters.hiddenChannels) query.append('hide_channel', channel);
  return query.toString();
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  // `+ 0` turns -0 into 0: `lat=-0` would look odd in a link.
  return Math.round(value * factor) / factor + 0;
}
