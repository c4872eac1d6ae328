import { describe, expect, it } from 'vitest';
import { baseMapSources, chosenSource } from '../../../src/components/base-map/base-map-sources.js';

const OSM = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const TOPO = 'https://{s}.tile.opentopomap.org/{z}/{x}/{y}.png';

describe('baseMapSources', () => {
  it('lists the default first under its translated name, then the others as configured', () => {
    const sources = baseMapSources(
      {
        map_tile_url: OSM,
        map_tile_urls: [
          { name: 'Topo', url: TOPO, attribution: '© OpenTopoMap' },
          { name: 'Same as default', url: OSM },
        ],
      },
      'Mapa estándar',
    );
    expect(sources).toEqual([
      { name: 'Mapa estándar', url: OSM, isDefault: true },
      { name: 'Topo', url: TOPO, attribution: '© OpenTopoMap', isDefault: false },
    ]);
  });

  it('has none for a site without tiles: the outline is the map', () => {
    expect(baseMapSources({ map_tile_url: ' ', map_tile_urls: [] }, 'Standard')).toEqual([]);
  });
});

describe('chosenSource', () => {
  const sources = baseMapSources(
    { map_tile_url: OSM, map_tile_urls: [{ name: 'Topo', url: TOPO }] },
    'Standard',
  );

  it('takes the remembered base map while it is offered, else the first', () => {
    expect(chosenSource(sources, TOPO)?.name).toBe('Topo');
    expect(chosenSource(sources, 'https://gone.example/{z}/{x}/{y}.png')?.name).toBe('Standard');
    expect(chosenSource(sources, null)?.name).toBe('Standard');
    expect(chosenSource([], TOPO)).toBeUndefined();
  });
});
