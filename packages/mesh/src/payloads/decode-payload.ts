import type { DecodedPayload } from '../envelope-result.js';
import { dispatchPayload, type DataFields } from './dispatch-payload.js';

/**
 * Decodes a packet's `Data` for display: TEXT_MESSAGE as text; POSITION, NODEINFO, TELEMETRY,
 * TRACEROUTE, NEIGHBORINFO, ROUTING and MAP_REPORT as protobuf JSON (camelCase, enums by name);
 * other ports, and payloads that do not parse, as `value: null`. Never throws.
 *
 * @example decodePayload({ portnum: 1, payload: new TextEncoder().encode('hi') })
 * // { portnum: 1, port: 'TEXT_MESSAGE_APP', value: 'hi' }
 */
export function decodePayload(data: DataFields): DecodedPayload {
  return dispatchPayload(data, null).decoded;
}
