import { CompiledQuery, type Kysely, type Selectable } from 'kysely';
import { columnNames, type Database, type DialectName } from '@meshview/db';
import type { PublicKeyRow } from '@meshview/mesh';
import type { MergedPublicKey } from './merge-public-keys.js';
import { MultiRowInsert } from './multi-row-insert.js';
import { queryWhereIn } from './query-where-in.js';
import type { Fits, RowMisfit } from './row-misfit.js';

/**
 * Compile-time: a public key sighting of `@meshview/mesh` names `node_public_key` columns (and
 * when it was seen), and a batch's merged sighting is a row of the table but for its id.
 */
export type PublicKeyRowsFit = Fits<
  [
    RowMisfit<
      'node_public_key',
      Omit<PublicKeyRow, 'seen_us'>,
      'id' | 'first_seen_us' | 'last_seen_us'
    >,
    RowMisfit<'node_public_key', MergedPublicKey, 'id'>,
  ]
>;

const COLUMNS = columnNames('node_public_key', ['id']);

/**
 * `node_public_key`: a (node_id, public_key) pair already stored gets its `last_seen_us` moved
 * on, a new one is inserted. The table has no unique key on the pair (MeshView's schema), so
 * there is no upsert to lean on: one lookup per batch decides. Keys arrive with NODEINFO, a few
 * per node a day, so the updates go one statement per pair.
 */
export class PublicKeyRepository {
  readonly #dialect: DialectName;
  readonly #insert: MultiRowInsert;
  readonly #update: string;

  constructor(dialect: DialectName) {
    this.#dialect = dialect;
    this.#insert = new MultiRowInsert(dialect, {
      table: 'node_public_key',
      columns: COLUMNS,
    });
    const [a, b, c, d] = dialect === 'postgres' ? ['$1', '$2', '$3', '$4'] : ['?', '?', '?', '?'];
    this.#update =
      `UPDATE node_public_key SET last_seen_us = ${a} WHERE node_id = ${b} AND public_key = ${c} ` +
      `AND (last_seen_us IS NULL OR last_seen_us < ${d})`;
  }

  /** Records the sightings; returns how many pairs were new. */
  async write(conn: Kysely<Database>, keys: readonly MergedPublicKey[]): Promise<number> {
    if (keys.length === 0) return 0;
    const { rows } = await queryWhereIn<
      Pick<Selectable<Database['node_public_key']>, 'node_id' | 'public_key'>
    >(
      conn,
      this.#dialect,
      'SELECT DISTINCT node_id, public_key FROM node_public_key WHERE node_id IN',
      [...new Set(keys.map((k) => k.node_id))],
    );
    const stored = new Set(rows.map((r) => `${r.node_id}:${r.public_key}`));
    const fresh: MergedPublicKey[] = [];
    for (const key of keys) {
      if (!stored.has(`${key.node_id}:${key.public_key}`)) {
        fresh.push(key);
        continue;
      }
      await conn.executeQuery(
        CompiledQuery.raw(this.#update, [
          key.last_seen_us,
          key.node_id,
          key.public_key,
          key.last_seen_us,
        ]),
      );
    }
    return this.#insert.run(
      conn,
      fresh.map((k) => COLUMNS.map((c) => k[c])),
    );
  }
}
