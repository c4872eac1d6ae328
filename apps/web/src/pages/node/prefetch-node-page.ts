import type { NodesResponse } from '@meshview/api';
import { prefetchJson } from '../../lib/api.js';
import { nodeIdParam } from './node-id-param.js';
import { nodeRequests } from './node-requests.js';

/**
 * Starts the requests `/node/{id}` will make for its content while the app still loads its
 * page's code (issue 13: a busy node's page in under 1.5 s): the node and its packets at once,
 * its receptions once the reader knows the node (for an unknown one they would be a 404, and
 * the page does not ask). Nothing for an id that names no node number.
 */
export function prefetchNodePage(idText: string): void {
  const nodeId = nodeIdParam(idText);
  if (nodeId === null) return;
  const { node, receptions, ...packets } = nodeRequests;
  const known = prefetchJson<NodesResponse>(...node(nodeId));
  // Answered later by the page, which takes them (see prefetchJson).
  for (const request of Object.values(packets)) void prefetchJson(...request(nodeId));
  known.then(
    (answer) => {
      if (answer.nodes.length > 0) void prefetchJson(...receptions(nodeId));
    },
    // The page asks again and shows the error.
    () => undefined,
  );
}
