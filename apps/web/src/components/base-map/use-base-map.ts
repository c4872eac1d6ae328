import { useEffect, useState } from 'preact/hooks';
import type * as L from 'leaflet';
import { useI18n, safeStorage } from '../../lib/i18n.js';
import { BaseMap, type BaseMapState } from './base-map.js';
import { baseMapSources, type BaseMapSite } from './base-map-sources.js';
import './base-map.css';

const INITIAL: BaseMapState = { source: null, tiles: 'none', outline: 'none' };

/**
 * Gives a Leaflet map its {@link BaseMap} (tiles, chooser, offline outline) while the component
 * is mounted, and re-renders with its state; pass the map once it exists.
 *
 * @example
 * const [map, setMap] = useState<L.Map | null>(null);
 * const base = useBaseMap(map, config.site);
 * // …
 * <BaseMapNote state={base} />
 */
export function useBaseMap(map: L.Map | null, site: BaseMapSite): BaseMapState {
  const { t } = useI18n();
  const [state, setState] = useState(INITIAL);
  const defaultName = t('basemap', 'default_name');
  const chooserLabel = t('basemap', 'chooser');
  // The list by value: a page that builds `site` anew on each render keeps its base map.
  const extra = JSON.stringify(site.map_tile_urls ?? []);
  useEffect(() => {
    if (!map) return;
    const base = new BaseMap({
      map,
      sources: baseMapSources(site, defaultName),
      chooserLabel,
      storage: safeStorage(),
      onChange: setState,
    });
    return () => {
      base.remove();
      setState(INITIAL);
    };
    // `site` is read through its URL and the list's JSON.
  }, [map, site.map_tile_url, extra, defaultName, chooserLabel]);
  return state;
}
