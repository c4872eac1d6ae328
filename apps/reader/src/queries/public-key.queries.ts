import type { Kysely, Selectable } from 'kysely';
import type { Database } from '@meshview/db';
import type { ListQuery } from './list-query.js';

/** The distinct public keys a node was seen with, first seen first (`idx_node_public_key_node_id`). */
export function publicKeysQuery(
  db: Kysely<Database>,
  nodeId: number,
): ListQuery<Pick<Selectable<Database['node_public_key']>, 'public_key' | 'first_seen_us'>> {
  return db
    .selectFrom('node_public_key')
    .select(['public_key'])
    .select((eb) => eb.fn.min('first_seen_us').as('first_seen_us'))
    .where('node_id', '=', nodeId)
    .groupBy('public_key')
    .orderBy('first_seen_us')
    .orderBy('public_key');
}
