import { prefetchJson } from '../../lib/api.js';
import { nodesQuery, parseView } from './node-list-view.js';

/**
 * Starts `/nodelist`'s one request (the nodes of its period, from the address's `days`) while
 * the app still loads its config, translations and the page's code (issue 13: ten thousand
 * nodes are the longest wait before the first rows).
 */
export function prefetchNodeList(query: URLSearchParams): void {
  // The list's useApi takes the answer (see prefetchJson).
  void prefetchJson('api/nodes', nodesQuery(parseView(query)));
}
