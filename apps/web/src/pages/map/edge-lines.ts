import type { Edge } from '@meshview/api';

/** A directed link as the map draws it. */
export interface EdgeLine {
  readonly from: number;
  readonly to: number;
  readonly type: Edge['type'];
  /** No link the other way (of either kind) is known: the map shows it as one-way. */
  readonly oneWay: boolean;
}

/**
 * The lines of `/api/edges?node_id=` for the map: one per directed pair (the first kind listed
 * wins, as the API lists each pair once), each marked one-way when the reverse pair is absent.
 * Links of a node to itself are left out.
 *
 * @example
 * edgeLines([{ from: 1, to: 2, type: 'traceroute' }, { from: 2, to: 1, type: 'neighbor' }])
 * // both two-way; edgeLines([{ from: 1, to: 2, type: 'neighbor' }]) is one-way
 */
export function edgeLines(edges: readonly Edge[]): EdgeLine[] {
  const pairs = new Map<string, Edge>();
  for (const edge of edges) {
    if (edge.from === edge.to) continue;
    const key = `${edge.from}>${edge.to}`;
    if (!pairs.has(key)) pairs.set(key, edge);
  }
  return [...pairs.values()].map((edge) => ({
    from: edge.from,
    to: edge.to,
    type: edge.type,
    oneWay: !pairs.has(`${edge.to}>${edge.from}`),
  }));
}
