import { between, type LatLon } from './geo.js';

/** One stretch of a track: from a point to another (or staying put) in a given time. */
export interface Leg {
  readonly from: LatLon;
  readonly to: LatLon;
  readonly durationUs: number;
}

/** A node's path, repeated forever: its legs, one after the other, shifted by `phaseUs`. */
export interface Track {
  readonly legs: readonly Leg[];
  readonly phaseUs: number;
}

/** A track that stays at `at`. */
export function fixedTrack(at: LatLon): Track {
  return { legs: [{ from: at, to: at, durationUs: 1 }], phaseUs: 0 };
}

/** Where a track is at `timeUs` (any time: the track repeats). */
export function positionAt(track: Track, timeUs: number): LatLon {
  const period = track.legs.reduce((sum, leg) => sum + leg.durationUs, 0);
  let t = (((timeUs - track.phaseUs) % period) + period) % period;
  for (const leg of track.legs) {
    if (t < leg.durationUs) return between(leg.from, leg.to, t / leg.durationUs);
    t -= leg.durationUs;
  }
  return track.legs[track.legs.length - 1]!.to;
}
