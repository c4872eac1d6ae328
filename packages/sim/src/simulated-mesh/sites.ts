import type { LatLon } from './geo.js';

/** A town where nodes live, with how many metres around its centre they spread. */
export interface Town extends LatLon {
  readonly name: string;
  readonly radiusM: number;
}

/** A hilltop where a router stands, with its altitude (m). */
export interface Hill extends LatLon {
  readonly name: string;
  readonly altitude: number;
}

/** The San Francisco Bay Area's towns (inside the default `[site]` map bounds). */
export const TOWNS: readonly Town[] = [
  { name: 'San Francisco', lat: 37.7749, lon: -122.4194, radiusM: 3500 },
  { name: 'Oakland', lat: 37.8044, lon: -122.2712, radiusM: 3000 },
  { name: 'Berkeley', lat: 37.8716, lon: -122.2727, radiusM: 2000 },
  { name: 'San Mateo', lat: 37.563, lon: -122.3255, radiusM: 2500 },
  { name: 'Palo Alto', lat: 37.4419, lon: -122.143, radiusM: 2500 },
  { name: 'San Jose', lat: 37.3382, lon: -121.8863, radiusM: 3500 },
  { name: 'Fremont', lat: 37.5485, lon: -121.9886, radiusM: 3000 },
  { name: 'Walnut Creek', lat: 37.9101, lon: -122.0652, radiusM: 2500 },
  { name: 'Hayward', lat: 37.6688, lon: -122.0808, radiusM: 2500 },
  { name: 'Mountain View', lat: 37.3861, lon: -122.0839, radiusM: 2000 },
];

/** The town the secondary channel's nodes (a hiking group) live in: Walnut Creek. */
export const SECONDARY_TOWN = 7;

/** The town the private channel's nodes live in: San Jose. */
export const PRIVATE_TOWN = 5;

/** Hilltops, in the order routers are put on them. */
export const HILLS: readonly Hill[] = [
  { name: 'San Bruno Mountain', lat: 37.6845, lon: -122.4337, altitude: 400 },
  { name: 'Grizzly Peak', lat: 37.8818, lon: -122.2395, altitude: 500 },
  { name: 'Mount Diablo', lat: 37.8817, lon: -121.9142, altitude: 1173 },
  { name: 'Black Mountain', lat: 37.3194, lon: -122.1486, altitude: 850 },
  { name: 'Mission Peak', lat: 37.5126, lon: -121.8803, altitude: 770 },
  { name: 'Mount Hamilton', lat: 37.3414, lon: -121.6429, altitude: 1283 },
  { name: 'Mount Tamalpais', lat: 37.9235, lon: -122.5965, altitude: 784 },
  { name: 'Mount Umunhum', lat: 37.1608, lon: -121.8977, altitude: 1055 },
];
