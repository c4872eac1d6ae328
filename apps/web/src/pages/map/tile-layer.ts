import * as L from 'leaflet';

/** Tile errors, with fewer loads than errors, before the tiles are given up. */
const TILE_ERRORS_BEFORE_HIDING = 4;
const OSM_ATTRIBUTION =
  '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

/**
 * Adds the tiles of `url` (`[site] map_tile_url`) to `map` and calls `onFailed` when they cannot
 * load (offline, a strict proxy), after taking them off so the map keeps its plain background
 * and everything drawn on it. Returns what removes them.
 */
export function addTileLayer(map: L.Map, url: string, onFailed: () => void): () => void {
  if (url === '') {
    onFailed();
    return () => undefined;
  }
  let errors = 0;
  let loaded = 0;
  const tiles = L.tileLayer(url, { attribution: OSM_ATTRIBUTION, maxZoom: 19 });
  tiles.on('tileload', () => {
    loaded += 1;
  });
  tiles.on('tileerror', () => {
    errors += 1;
    if (errors >= TILE_ERRORS_BEFORE_HIDING && errors > loaded && map.hasLayer(tiles)) {
      // removeLayer before off(): the layer's own 'remove' listener takes its handlers off the map.
      map.removeLayer(tiles);
      tiles.off();
      onFailed();
    }
  });
  tiles.addTo(map);
  return () => {
    map.removeLayer(tiles);
    tiles.off();
  };
}
