import { PortNum } from '@meshview/mesh/facts';
import type { Query } from '../../lib/api.js';

/** One GET of the API: its path and query, as `useApi` and `prefetchJson` take them. */
export type ApiRequest = readonly [path: string, query: Query];

/**
 * The node page's requests that carry its content, in one place so that the app can start them
 * while it boots (see prefetch-node-page.ts) and the sections ask for exactly the same URLs.
 */
export const nodeRequests = {
  /** The node itself. */
  node: (nodeId: number): ApiRequest => ['api/nodes', { node_id: nodeId }],
  /** Its last 1,000 TELEMETRY packets: the telemetry charts. */
  telemetry: (nodeId: number): ApiRequest => [
    'api/packets',
    { from_node_id: nodeId, portnum: PortNum.TELEMETRY_APP, limit: 1000 },
  ],
  /** Its last 500 NEIGHBORINFO reports: the SNR chart, and the neighbours on the map. */
  neighbors: (nodeId: number): ApiRequest => [
    'api/packets',
    { from_node_id: nodeId, portnum: PortNum.NEIGHBORINFO_APP, limit: 500 },
  ],
  /** Its last 50 positions: the track on the map. */
  track: (nodeId: number): ApiRequest => [
    'api/packets',
    { from_node_id: nodeId, portnum: PortNum.POSITION_APP, limit: 50 },
  ],
  /** How the gateways hear it. */
  receptions: (nodeId: number): ApiRequest => [`api/node/${nodeId}/receptions`, {}],
};
