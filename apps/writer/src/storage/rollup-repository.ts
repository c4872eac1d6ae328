import type { Kysely } from 'kysely';
import { ROLLUP_TABLES, type Database, type DialectName, type RollupTable } from '@meshview/db';
import { MultiRowInsert } from './multi-row-insert.js';
import type { RollupDeltas } from './rollup-deltas.js';

/**
 * Adds counts to the statistics roll-ups: one multi-row upsert per table
 * (`ON CONFLICT (key) DO UPDATE SET packets = packets + …`), on the caller's transaction, so the
 * counts change together with the rows they count.
 */
export class RollupRepository {
  readonly #inserts: Map<RollupTable, MultiRowInsert>;

  constructor(dialect: DialectName, tables: readonly RollupTable[] = ROLLUP_TABLES) {
    this.#inserts = new Map(
      tables.map((t) => [
        t,
        new MultiRowInsert(dialect, {
          table: t.table,
          columns: [...t.key, 'packets', 'seen'],
          onConflict:
            `ON CONFLICT (${t.key.join(', ')}) DO UPDATE SET ` +
            `packets = ${t.table}.packets + excluded.packets, seen = ${t.table}.seen + excluded.seen`,
        }),
      ]),
    );
  }

  /** Applies `deltas` (from `rollupDeltas`); returns how many roll-up rows it touched. */
  async add(conn: Kysely<Database>, deltas: RollupDeltas): Promise<number> {
    let touched = 0;
    for (const [table, rows] of deltas) {
      const insert = this.#inserts.get(table);
      if (insert === undefined) throw new Error(`not a roll-up table: ${table.table}`);
      // Sorted by key, so concurrent writers take the rows' locks in one order (no deadlock).
      const sorted = [...rows].sort((a, b) => compareKeys(a.key, b.key));
      touched += await insert.run(
        conn,
        sorted.map((r) => [...r.key, r.packets, r.seen]),
      );
    }
    return touched;
  }
}

function compareKeys(a: readonly (number | string)[], b: readonly (number | string)[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
