import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '@meshview/db';
import type { SenderTotals } from './sender-totals.js';

/** The `node` columns `/api/stats/top` shows. */
type NodeRow = Readonly<
  Pick<Selectable<Database['node']>, 'node_id' | 'long_name' | 'short_name' | 'channel'>
>;

/** One node of `/api/stats/top`: packets it sent in the window, and receptions of them. */
export type TopNode = NodeRow & { readonly sent: number; readonly seen: number };

const toTopNode = (r: NodeRow, sent: number, seen: number): TopNode => ({
  node_id: r.node_id === null ? null : Number(r.node_id),
  long_name: r.long_name,
  short_name: r.short_name,
  channel: r.channel,
  sent,
  seen,
});

/** A window's ranking: every known node (of a channel), those with traffic first. */
export interface SenderRanking {
  /** How many nodes are ranked (MeshView's `total`). */
  readonly total: number;
  /** The nodes that sent packets or had them received, most receptions first, then most packets, then by node number. */
  readonly active: readonly TopNode[];
  /** The others, by node number, nodes without one last. */
  readonly idle: readonly TopNode[];
}

/**
 * Every known node (of `channel`, matched exactly as MeshView does), split into those that sent
 * packets or had them received from `startUs` (a whole hour) on, ranked, and the rest: the sender
 * roll-ups summed per sender ({@link SenderTotals}), matched to one read of `node`.
 */
export async function rankSenders(
  db: Kysely<Database>,
  totals: SenderTotals,
  props: RankSendersProps,
): Promise<SenderRanking> {
  const [sums, nodes] = await Promise.all([
    totals.window(props.startUs, props.nowUs),
    allNodes(db, props.channel),
  ]);
  const active: TopNode[] = [];
  const idle: TopNode[] = [];
  for (const node of nodes) {
    const sum = node.node_id === null ? undefined : sums.get(node.node_id);
    if (sum !== undefined && (sum[0] !== 0 || sum[1] !== 0)) {
      active.push({ ...node, sent: sum[0], seen: sum[1] });
    } else {
      idle.push(node);
    }
  }
  active.sort((a, b) => b.seen - a.seen || b.sent - a.sent || a.node_id! - b.node_id!);
  return { total: nodes.length, active, idle };
}

/** What `rankSenders` reads. */
export interface RankSendersProps {
  readonly startUs: number;
  readonly nowUs: number;
  readonly channel?: string | undefined;
}

/** The known nodes (of `channel`) by node number, nodes without one last. */
async function allNodes(db: Kysely<Database>, channel?: string): Promise<TopNode[]> {
  const result = await allNodesQuery(channel).execute(db);
  return result.rows.map((r) => toTopNode(r, 0, 0));
}

/** `allNodes`'s statement. */
export function allNodesQuery(channel?: string) {
  const where = channel === undefined ? sql`` : sql`WHERE channel = ${channel}`;
  return sql<NodeRow>`
    SELECT node_id, long_name, short_name, channel FROM node ${where}
    ORDER BY CASE WHEN node_id IS NULL THEN 1 ELSE 0 END, node_id`;
}
