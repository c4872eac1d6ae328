import type { Packet } from '@meshview/api';
import { PortNum } from '@meshview/mesh/facts';
import { asObject, numberField } from '../packet/json-fields.js';

/** The map's zoom for one position: streets around it. */
export const POSITION_ZOOM = 15;

/** Degrees rounded to 5 decimals (about a metre), as the map's own shared links have them. */
const degrees = (value: number): number => Math.round(value / 100) / 1e5 + 0;

/**
 * Where the map page shows a position packet's coordinates (`/map?lat=&lng=&zoom=`), or `null`
 * for any other packet and for a position without coordinates (protobuf JSON leaves out zeros,
 * and a sender that shares none sends none).
 *
 * @example
 * positionHref(packet) // '/map?lat=37.7749&lng=-122.4194&zoom=15'
 */
export function positionHref(packet: Packet): string | null {
  if (packet.portnum !== PortNum.POSITION_APP) return null;
  const decoded = asObject(packet.decoded);
  const lat = numberField(decoded, 'latitudeI');
  const lng = numberField(decoded, 'longitudeI');
  if (lat === undefined || lng === undefined) return null;
  const query = new URLSearchParams({
    lat: String(degrees(lat)),
    lng: String(degrees(lng)),
    zoom: String(POSITION_ZOOM),
  });
  return `/map?${query.toString()}`;
}

/** The traceroute page of a traceroute packet (`/traceroute/{id}`), or `null` for another port. */
export function tracerouteHref(packet: Packet): string | null {
  return packet.portnum === PortNum.TRACEROUTE_APP ? `/traceroute/${packet.id}` : null;
}
