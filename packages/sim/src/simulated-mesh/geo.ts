/** A point on the map, in degrees. */
export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

const EARTH_M = 6_371_000;
const RAD = Math.PI / 180;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point `east` and `north` metres from `p` (flat-earth: fine for a few kilometres). */
export function offsetM(p: LatLon, east: number, north: number): LatLon {
  return {
    lat: p.lat + north / (EARTH_M * RAD),
    lon: p.lon + east / (EARTH_M * RAD * Math.cos(p.lat * RAD)),
  };
}

/** The point a fraction `f` of the way from `a` to `b`. */
export function between(a: LatLon, b: LatLon, f: number): LatLon {
  return { lat: a.lat + (b.lat - a.lat) * f, lon: a.lon + (b.lon - a.lon) * f };
}

/** Degrees as `Position.latitude_i` / `longitude_i` (1e-7 degrees). */
export function toE7(degrees: number): number {
  return Math.round(degrees * 1e7);
}

const M_PER_DEGREE = 111_195;
const COS_BAY = Math.cos((37.7 * Math.PI) / 180);

/** `p` in metres on a plane tangent near the Bay Area (east, north): fine for a 100 km mesh. */
export function projectM(p: LatLon): { readonly x: number; readonly y: number } {
  return { x: p.lon * COS_BAY * M_PER_DEGREE, y: p.lat * M_PER_DEGREE };
}
