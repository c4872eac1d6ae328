import type { TopNode } from './top-senders.query.js';

/** The columns `/api/stats/top` can be sorted by (`sort`). */
export type TopSort = 'seen' | 'sent' | 'avg' | 'name';

/** The direction of `/api/stats/top`'s sort (`order`). */
export type TopOrder = 'asc' | 'desc';

/** A node's average gateways per packet: `seen / max(sent, 1)`, rounded to 2 places. */
export const averageSeen = (n: Pick<TopNode, 'seen' | 'sent'>): number =>
  Math.round((n.seen / Math.max(n.sent, 1)) * 100) / 100;

/** The name a node is sorted by: its long name, else its short name (`''` for neither). */
const nameOf = (n: TopNode): string => (n.long_name ?? n.short_name ?? '').toLowerCase();

const KEYS: Record<TopSort, (n: TopNode) => number | string> = {
  seen: (n) => n.seen,
  sent: (n) => n.sent,
  avg: averageSeen,
  name: nameOf,
};

/**
 * `ranked` (the default ranking: receptions, then packets sent, then node number) sorted by
 * `sort` in `order`; nodes that tie keep their place in the default ranking whatever the
 * direction, so pages neither repeat nor skip a node. Returns a new array.
 */
export function orderTop(ranked: readonly TopNode[], sort: TopSort, order: TopOrder): TopNode[] {
  const key = KEYS[sort];
  const sign = order === 'asc' ? 1 : -1;
  return ranked
    .map((node, rank) => ({ node, rank, value: key(node) }))
    .sort((a, b) => {
      const by = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
      return by * sign || a.rank - b.rank;
    })
    .map((entry) => entry.node);
}
