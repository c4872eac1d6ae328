import type { Kysely, Selectable } from 'kysely';
import type { Database } from '@meshview/db';
import type { ListQuery } from './list-query.js';

/** A `node` row. */
export type NodeRow = Selectable<Database['node']>;

/** What `/api/nodes` narrows the nodes to. */
export interface NodeFilter {
  readonly nodeId?: number;
  /** Upper-cased by the caller, as MeshView does. */
  readonly role?: string;
  readonly channel?: string;
  readonly hwModel?: string;
  /** Only nodes seen at or after this time (µs). */
  readonly seenSinceUs?: number;
}

/**
 * The nodes `/api/nodes` lists: those ever seen (`last_seen_us` set), filtered, by short name.
 * Served by `idx_node_last_seen_us` (or the node id's unique index).
 */
export function nodeListQuery(db: Kysely<Database>, filter: NodeFilter): ListQuery<NodeRow> {
  let query = db.selectFrom('node').selectAll().where('last_seen_us', 'is not', null);
  if (filter.nodeId !== undefined) query = query.where('node_id', '=', filter.nodeId);
  if (filter.role !== undefined) query = query.where('role', '=', filter.role);
  if (filter.channel !== undefined) query = query.where('channel', '=', filter.channel);
  if (filter.hwModel !== undefined) query = query.where('hw_model', '=', filter.hwModel);
  if (filter.seenSinceUs !== undefined) {
    query = query.where('last_seen_us', '>=', filter.seenSinceUs);
  }
  return query.orderBy('short_name').orderBy('node_id');
}

/** The node with this number, whether or not it was ever seen. */
export function nodeQuery(db: Kysely<Database>, nodeId: number): ListQuery<NodeRow> {
  return db.selectFrom('node').selectAll().where('node_id', '=', nodeId).limit(1);
}
