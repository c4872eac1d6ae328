import type { FeatureCollection, MultiLineString } from 'geojson';
import type { mesh } from 'topojson-client';
// The outline's data is a file of its own in the build (fetched only when a map needs it), not
// part of any page's script.
import worldAtlasUrl from 'world-atlas/countries-50m.json?url';

/** The world's land (its edges are the coasts) and the borders between countries, as GeoJSON. */
export interface WorldOutline {
  readonly land: FeatureCollection | GeoJSON.Feature;
  readonly borders: MultiLineString;
}

type Topology = Parameters<typeof mesh>[0];

let loading: Promise<WorldOutline> | undefined;

/**
 * Loads Natural Earth's 1:50m countries (the `world-atlas` package, TopoJSON) and turns them into
 * the land and the borders between countries; once per page load, shared by every map. A failed
 * load is tried again on the next call.
 */
export function loadWorldOutline(): Promise<WorldOutline> {
  loading ??= fetchOutline().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function fetchOutline(): Promise<WorldOutline> {
  const [topojson, response] = await Promise.all([import('topojson-client'), fetch(worldAtlasUrl)]);
  if (!response.ok) throw new Error(`the world outline answered ${response.status}`);
  const topology = (await response.json()) as Topology;
  const { countries, land } = topology.objects as Record<string, Parameters<typeof mesh>[1]>;
  return {
    land: topojson.feature(topology, land!),
    // Arcs two countries share; the coasts are the land's own edges.
    borders: topojson.mesh(topology, countries, (a, b) => a !== b),
  };
}
