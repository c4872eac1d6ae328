import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '@meshview/db';
import { segmentRows } from './rollup-source.js';
import { windowSegments } from './stats-window.js';

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

/**
 * The known nodes (of `channel`, matched exactly as MeshView does) that sent packets or had
 * them received from `startUs` (a whole hour) on, most receptions first, then most packets,
 * then by node number: the sender roll-ups summed per sender, joined to `node`.
 */
export async function activeSenders(
  db: Kysely<Database>,
  props: ActiveSendersProps,
): Promise<TopNode[]> {
  const result = await activeSendersQuery(props).execute(db);
  return result.rows.map((r) => toTopNode(r, Number(r.sent), Number(r.seen)));
}

/** What `activeSenders` reads. */
export interface ActiveSendersProps {
  readonly startUs: number;
  readonly nowUs: number;
  readonly channel?: string | undefined;
}

/** `activeSenders`'s statement. */
export function activeSendersQuery(props: ActiveSendersProps) {
  const rows = segmentRows(
    'stats_sender',
    windowSegments(props.startUs, props.nowUs),
    {},
    sql`from_node_id, packets, seen`,
  );
  const channel = props.channel === undefined ? sql`` : sql`WHERE n.channel = ${props.channel}`;
  return sql<NodeRow & { sent: number | string; seen: number | string }>`
    SELECT n.node_id, n.long_name, n.short_name, n.channel, a.sent, a.seen
    FROM (
      SELECT from_node_id, sum(packets) AS sent, sum(seen) AS seen FROM (${rows}) AS w
      GROUP BY from_node_id HAVING sum(packets) <> 0 OR sum(seen) <> 0
    ) AS a
    JOIN node n ON n.node_id = a.from_node_id
    ${channel}
    ORDER BY a.seen DESC, a.sent DESC, n.node_id`;
}

/** The known nodes (of `channel`) by node number, nodes without one last: `/api/stats/top`'s tail. */
export async function allNodes(db: Kysely<Database>, channel?: string): Promise<TopNode[]> {
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

/** How many nodes `/api/stats/top` ranks (MeshView's `total`). */
export async function countNodes(db: Kysely<Database>, channel?: string): Promise<number> {
  const { rows } = await countNodesQuery(channel).execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** `countNodes`'s statement. */
export function countNodesQuery(channel?: string) {
  const where = channel === undefined ? sql`` : sql`WHERE channel = ${channel}`;
  return sql<{ n: number | string }>`SELECT count(*) AS n FROM node ${where}`;
}
