import type { Packet } from '@meshview/api';
import { asRecord, numberField } from './decoded.js';

/** One position of a node's track. */
export interface TrackPoint {
  readonly lat: number;
  readonly lon: number;
  readonly timeUs: number;
}

/**
 * The positions of a node's POSITION packets (`decoded.latitudeI/longitudeI`), oldest first;
 * packets without a position (or at 0,0, "no fix") are left out.
 */
export function trackPoints(packets: readonly Packet[]): TrackPoint[] {
  const points: TrackPoint[] = [];
  for (const packet of packets) {
    const decoded = asRecord(packet.decoded);
    const lat = numberField(decoded, 'latitudeI');
    const lon = numberField(decoded, 'longitudeI');
    if (lat === undefined || lon === undefined || packet.import_time_us === null) continue;
    if (lat === 0 && lon === 0) continue;
    points.push({ lat: lat / 1e7, lon: lon / 1e7, timeUs: packet.import_time_us });
  }
  return points.sort((a, b) => a.timeUs - b.timeUs);
}
