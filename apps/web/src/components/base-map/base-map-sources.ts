import type { ConfigResponse } from '@meshview/api';

/** What a base map needs of `/api/config`'s `site`. */
export type BaseMapSite = Pick<ConfigResponse['site'], 'map_tile_url' | 'map_tile_urls'>;

/** One base map the visitor can choose. */
export interface BaseMapSource {
  /** Its name in the chooser (the default's is translated). */
  readonly name: string;
  /** A Leaflet tile URL template; also what the choice is remembered by. */
  readonly url: string;
  /** The provider's credit, plain text. */
  readonly attribution?: string;
  /** `[site] map_tile_url`: OpenStreetMap's credit unless it gives another. */
  readonly isDefault: boolean;
}

/** Where the chosen base map is remembered (its URL template). */
export const BASE_MAP_STORAGE_KEY = 'meshview.basemap';

/**
 * The base maps in the chooser's order: `[site] map_tile_url` under `defaultName`, then each of
 * `map_tile_urls` (a URL listed twice once). Empty when the site has no tiles at all: the map
 * shows the offline outline of the world.
 *
 * @example
 * baseMapSources(config.site, t('basemap', 'default_name'))
 * // [{ name: 'Standard map', url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', isDefault: true }, …]
 */
export function baseMapSources(site: BaseMapSite, defaultName: string): BaseMapSource[] {
  const sources: BaseMapSource[] = [];
  if (site.map_tile_url.trim() !== '') {
    sources.push({ name: defaultName, url: site.map_tile_url.trim(), isDefault: true });
  }
  for (const extra of site.map_tile_urls ?? []) {
    if (sources.some((s) => s.url === extra.url)) continue;
    sources.push({ ...extra, isDefault: false });
  }
  return sources;
}

/** The remembered base map if it is still offered, else the first; undefined when none is. */
export function chosenSource(
  sources: readonly BaseMapSource[],
  rememberedUrl: string | null | undefined,
): BaseMapSource | undefined {
  return sources.find((s) => s.url === rememberedUrl) ?? sources[0];
}
