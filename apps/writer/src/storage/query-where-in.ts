import { CompiledQuery, type Kysely } from 'kysely';
import type { Database, DialectName } from '@meshview/db';
import { paddedSize } from './statement-sizes.js';

const CHUNK = 512;

/** Every chunk's rows, and the rows an UPDATE or DELETE changed. */
export interface WhereInResult<R> {
  readonly rows: R[];
  readonly affected: number;
}

/**
 * Runs `head (…values)`, e.g. `SELECT id FROM packet WHERE id IN` or
 * `UPDATE node SET … WHERE node_id IN`, in chunks of a few hundred values, each padded to a
 * power of two by repeating its last value (which changes nothing an IN list matches). No
 * query at all when `values` is empty.
 *
 * @example await queryWhereIn<{ id: number }>(conn, 'sqlite', 'SELECT id FROM packet WHERE id IN', ids)
 */
export async function queryWhereIn<R = never>(
  db: Kysely<Database>,
  dialect: DialectName,
  head: string,
  values: readonly unknown[],
): Promise<WhereInResult<R>> {
  const rows: R[] = [];
  let affected = 0;
  for (let start = 0; start < values.length; start += CHUNK) {
    const chunk = values.slice(start, start + CHUNK);
    // Padded with its last value to a power of two: few distinct texts to keep prepared.
    for (let n = paddedSize(chunk.length) - chunk.length; n > 0; n -= 1) chunk.push(chunk.at(-1));
    const marks = chunk.map((_, i) => (dialect === 'postgres' ? `$${i + 1}` : '?')).join(', ');
    const result = await db.executeQuery<R>(CompiledQuery.raw(`${head} (${marks})`, chunk));
    rows.push(...result.rows);
    affected += Number(result.numAffectedRows ?? 0n);
  }
  return { rows, affected };
}
