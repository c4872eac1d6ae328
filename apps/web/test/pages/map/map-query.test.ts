import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS } from '../../../src/pages/map/map-filters.js';
import { filtersFromQuery, mapQuery, viewFromQuery } from '../../../src/pages/map/map-query.js';

const q = (text: string) => new URLSearchParams(text);

describe('the map URL', () => {
  it("reads MeshView's ?lat&lng&zoom, and nothing when one is missing or out of range", () => {
    expect(viewFromQuery(q('lat=37.8&lng=-122.4&zoom=10'))).toEqual({
      lat: 37.8,
      lng: -122.4,
      zoom: 10,
    });
    for (const text of [
      '',
      'lat=37.8&lng=-122.4',
      'lat=91&lng=0&zoom=3',
      'lat=0&lng=181&zoom=3',
      'lat=0&lng=0&zoom=25',
      'lat=x&lng=0&zoom=3',
      'lat=&lng=0&zoom=3',
    ]) {
      expect(viewFromQuery(q(text)), text).toBeNull();
    }
  });

  it('reads the filters, over the defaults, and none when the address has none', () => {
    expect(filtersFromQuery(q('lat=1&lng=2&zoom=3'))).toBeNull();
    expect(filtersFromQuery(q('role=router&gateways=1&hide_channel=A&hide_channel=B'))).toEqual({
      days: 3,
      role: 'ROUTER',
      gatewaysOnly: true,
      hiddenChannels: ['A', 'B'],
    });
    // A window the page does not offer stays the default.
    expect(filtersFromQuery(q('days=2'))).toEqual(DEFAULT_FILTERS);
    expect(filtersFromQuery(q('days=7'))?.days).toBe(7);
  });

  it('writes the view and the filters that differ from the defaults, and reads them back', () => {
    const view = { lat: 37.123456789, lng: -122.00000049, zoom: 11 };
    const filters = {
      days: 7,
      role: 'CLIENT',
      gatewaysOnly: true,
      hiddenChannels: ['Long Fast', 'a&b'],
    };
    const text = mapQuery(view, filters);
    expect(text).toBe(
      'lat=37.12346&lng=-122&zoom=11&days=7&role=CLIENT&gateways=1&hide_channel=Long+Fast&hide_channel=a%26b',
    );
    expect(viewFromQuery(q(text))).toEqual({ lat: 37.12346, lng: -122, zoom: 11 });
    expect(filtersFromQuery(q(text))).toEqual(filters);
    expect(mapQuery({ lat: -0.000001, lng: 0, zoom: 2 }, DEFAULT_FILTERS)).toBe(
      'lat=0&lng=0&zoom=2',
    );
  });
});
