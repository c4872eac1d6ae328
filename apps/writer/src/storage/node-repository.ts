import type { Insertable, Kysely, Selectable } from 'kysely';
import { columnNames, type Database, type DialectName } from '@meshview/db';
import type { NodeUpsert } from '@meshview/mesh';
import { NODE_FIELDS, type MergedNode } from './merge-node-upserts.js';
import { MultiRowInsert } from './multi-row-insert.js';
import { queryWhereIn } from './query-where-in.js';
import type { Fits, RowMisfit } from './row-misfit.js';

/**
 * Compile-time: a node upsert of `@meshview/mesh` names `node` columns (and when it was seen),
 * and a batch's merged upsert is a `node` row but for the gateway flag, which the store decides.
 */
export type NodeRowsFit = Fits<
  [
    RowMisfit<
      'node',
      Omit<NodeUpsert, 'seen_us'>,
      'is_mqtt_gateway' | 'first_seen_us' | 'last_seen_us'
    >,
    RowMisfit<'node', MergedNode, 'is_mqtt_gateway'>,
  ]
>;

/** What a node upsert did. */
export interface NodeWriteResult {
  /** Rows inserted or updated. */
  readonly written: number;
  /** Upserts left out because another upsert of the batch took the same row (see `upsert`). */
  readonly conflicts: readonly MergedNode[];
}

const COLUMNS = columnNames('node');

// Defined fields overwrite, undefined ones (NULL here) keep the stored value; the seen times
// only move outwards, whatever order reports arrive in.
const ON_CONFLICT = `ON CONFLICT (id) DO UPDATE SET ${[
  'node_id = excluded.node_id',
  ...[...NODE_FIELDS, 'is_mqtt_gateway'].map((c) => `${c} = COALESCE(excluded.${c}, node.${c})`),
  'first_seen_us = COALESCE(node.first_seen_us, excluded.first_seen_us)',
  'last_seen_us = CASE WHEN node.last_seen_us IS NULL OR node.last_seen_us < excluded.last_seen_us ' +
    'THEN excluded.last_seen_us ELSE node.last_seen_us END',
].join(', ')}`;

/**
 * `node` upserts keyed by `id`, one multi-row statement per batch.
 *
 * `node_id` is UNIQUE as well, and a stored row may hold an upsert's node number under another
 * id (a MeshView row made from a NODEINFO whose `user.id` was spelled differently, `!A1B2…` or
 * without leading zeros). The node number is the node's identity on the mesh and what packets
 * refer to, so such an upsert updates the row that holds its node number and keeps that row's
 * id, instead of failing the batch on the unique constraint. An upsert whose id names a row
 * with another node number corrects that row's node number. If two upserts of one batch land on
 * the same row that way, the later one is left out and reported.
 */
export class NodeRepository {
  readonly #dialect: DialectName;
  readonly #insert: MultiRowInsert;

  constructor(dialect: DialectName) {
    this.#dialect = dialect;
    this.#insert = new MultiRowInsert(dialect, {
      table: 'node',
      columns: COLUMNS,
      onConflict: ON_CONFLICT,
    });
  }

  /** Upserts `nodes` (one per node number); `isGateway` sets `is_mqtt_gateway` on the way. */
  async upsert(
    conn: Kysely<Database>,
    nodes: readonly MergedNode[],
    isGateway: (nodeId: number) => boolean,
  ): Promise<NodeWriteResult> {
    if (nodes.length === 0) return { written: 0, conflicts: [] };
    const { targets, conflicts } = await this.#resolveRows(conn, nodes);
    const written = await this.#insert.run(
      conn,
      targets.map(({ node, id }) => {
        const row: Insertable<Database['node']> = {
          ...node,
          id,
          is_mqtt_gateway: isGateway(node.node_id) ? true : null,
        };
        return COLUMNS.map((c) => row[c]);
      }),
    );
    return { written, conflicts };
  }

  /** Sets `is_mqtt_gateway` on the stored rows of these node numbers that lack it. */
  async markGateways(conn: Kysely<Database>, nodeIds: readonly number[]): Promise<number> {
    const { affected } = await queryWhereIn(
      conn,
      this.#dialect,
      'UPDATE node SET is_mqtt_gateway = TRUE WHERE is_mqtt_gateway IS NOT TRUE AND node_id IN',
      nodeIds,
    );
    return affected;
  }

  async #resolveRows(conn: Kysely<Database>, nodes: readonly MergedNode[]) {
    const { rows } = await queryWhereIn<Pick<Selectable<Database['node']>, 'id' | 'node_id'>>(
      conn,
      this.#dialect,
      'SELECT id, node_id FROM node WHERE node_id IN',
      nodes.map((n) => n.node_id),
    );
    const idOfNodeId = new Map(rows.map((r) => [r.node_id, r.id]));
    const taken = new Set<string>();
    const targets: { node: MergedNode; id: string }[] = [];
    const unmatched: MergedNode[] = [];
    for (const node of nodes) {
      const id = idOfNodeId.get(node.node_id);
      if (id === undefined) {
        unmatched.push(node);
      } else {
        targets.push({ node, id });
        taken.add(id);
      }
    }
    const conflicts: MergedNode[] = [];
    for (const node of unmatched) {
      if (taken.has(node.id)) {
        conflicts.push(node);
      } else {
        targets.push({ node, id: node.id });
        taken.add(node.id);
      }
    }
    return { targets, conflicts };
  }
}
