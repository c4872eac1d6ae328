import { CompiledQuery, type QueryResult } from 'kysely';
import type { DialectName } from '@meshview/db';
import { statementSizes } from './statement-sizes.js';

/**
 * What MultiRowInsert runs its statements on: any Kysely connection or transaction, whatever its
 * tables (it writes raw SQL naming its own table).
 */
export interface RawQueryRunner {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

/** What one multi-row `INSERT` writes. */
export interface MultiRowInsertSpec {
  readonly table: string;
  readonly columns: readonly string[];
  /** Appended after the VALUES list, e.g. `ON CONFLICT (id) DO UPDATE SET …` for an upsert. */
  readonly onConflict?: string;
  /**
   * A unique key of the table (numbers and text only): rows whose key is taken are skipped
   * (`ON CONFLICT (key) DO NOTHING`), and `insertNew` tells which rows went in. Not together
   * with `onConflict`.
   */
  readonly conflictKey?: readonly string[];
  /**
   * At most this many rows per statement. Both databases cap the parameters of one statement
   * (SQLite 32,766, PostgreSQL 65,535); below that, smaller statements are cheaper to parse.
   */
  readonly maxRows?: number;
}

const MAX_PARAMETERS = 30_000;
const DEFAULT_MAX_ROWS = 500;

/**
 * An `INSERT INTO t (…) VALUES (…), (…) …` of many rows at once, written as SQL text without
 * building a query tree: the text for each row count is made once and reused, so the hot path
 * only flattens the values. Rows go in statements of a few sizes (`statementSizes`), so that
 * the texts, and the prepared statements a connection keeps, stay few. Runs on whatever Kysely
 * connection it is given (a transaction's), whatever its tables' types: the table is named in the
 * spec.
 *
 * @example
 * const insert = new MultiRowInsert('sqlite', { table: 'packet', columns: ['id', 'portnum'] });
 * const written = await insert.run(conn, [[1, 3], [2, 4]]);
 */
export class MultiRowInsert {
  readonly #dialect: DialectName;
  readonly #prefix: string;
  readonly #onConflict: string;
  readonly #returning: string;
  readonly #key: readonly number[];
  readonly #columns: number;
  readonly #maxRows: number;
  readonly #sqlByRows = new Map<string, string>();

  constructor(dialect: DialectName, spec: MultiRowInsertSpec) {
    if (spec.onConflict !== undefined && spec.conflictKey !== undefined) {
      throw new Error(`MultiRowInsert on ${spec.table}: onConflict or conflictKey, not both`);
    }
    this.#dialect = dialect;
    this.#columns = spec.columns.length;
    this.#prefix = `INSERT INTO ${spec.table} (${spec.columns.join(', ')}) VALUES `;
    const key = spec.conflictKey ?? [];
    this.#key = key.map((column) => {
      const at = spec.columns.indexOf(column);
      if (at < 0) throw new Error(`MultiRowInsert on ${spec.table}: key ${column} not inserted`);
      return at;
    });
    this.#onConflict = spec.conflictKey
      ? ` ON CONFLICT (${key.join(', ')}) DO NOTHING`
      : spec.onConflict
        ? ` ${spec.onConflict}`
        : '';
    this.#returning = ` RETURNING ${key.join(', ')}`;
    const byParameters = Math.floor(MAX_PARAMETERS / this.#columns);
    this.#maxRows = Math.max(1, Math.min(spec.maxRows ?? DEFAULT_MAX_ROWS, byParameters));
  }

  /** Inserts `rows` (each one value per column, in order) and returns how many were written. */
  async run(db: RawQueryRunner, rows: readonly (readonly unknown[])[]): Promise<number> {
    let written = 0;
    let start = 0;
    for (const size of statementSizes(this.#dialect, rows.length, this.#maxRows)) {
      const result = await this.#runChunk(db, rows.slice(start, (start += size)), false);
      written += Number(result.numAffectedRows ?? 0n);
    }
    return written;
  }

  /**
   * Inserts `items` (as `values` makes them rows), skipping those whose conflict key is taken,
   * and returns the items inserted, in order; of items sharing a key, the first. Needs a
   * `conflictKey`, and a transaction's connection.
   *
   * Telling which rows went in takes `RETURNING`, and on SQLite reading rows back costs about
   * as much as writing them, while the writer's rows are nearly always all new. So on SQLite it
   * first inserts without `RETURNING` inside a savepoint, which is all when every row went in;
   * only when some were skipped does it roll back to the savepoint and insert again with
   * `RETURNING`. PostgreSQL sends the returned keys in the same round trip, so it always uses
   * `RETURNING`.
   */
  async insertNew<T>(
    db: RawQueryRunner,
    items: readonly T[],
    values: (item: T) => readonly unknown[],
  ): Promise<T[]> {
    if (this.#key.length === 0) throw new Error('MultiRowInsert.insertNew needs a conflictKey');
    if (items.length === 0) return [];
    const rows = items.map(values);
    if (this.#dialect === 'sqlite') {
      await db.executeQuery(CompiledQuery.raw('SAVEPOINT multi_row_insert'));
      const written = await this.run(db, rows);
      if (written === rows.length) {
        await db.executeQuery(CompiledQuery.raw('RELEASE multi_row_insert'));
        return [...items];
      }
      await db.executeQuery(CompiledQuery.raw('ROLLBACK TO multi_row_insert'));
      await db.executeQuery(CompiledQuery.raw('RELEASE multi_row_insert'));
    }
    const inserted = new Set<string>();
    let start = 0;
    for (const size of statementSizes(this.#dialect, rows.length, this.#maxRows)) {
      const result = await this.#runChunk(db, rows.slice(start, (start += size)), true);
      for (const row of result.rows) inserted.add(keyText(Object.values(row as object)));
    }
    // A key is taken off when matched: of two rows with one key, only the first went in.
    return items.filter((_, i) => inserted.delete(keyText(this.#key.map((at) => rows[i]![at]))));
  }

  #runChunk(db: RawQueryRunner, chunk: readonly (readonly unknown[])[], returning: boolean) {
    const parameters: unknown[] = [];
    for (const row of chunk) {
      for (const value of row) parameters.push(bindable(value));
    }
    return db.executeQuery(CompiledQuery.raw(this.#sql(chunk.length, returning), parameters));
  }

  #sql(rows: number, returning: boolean): string {
    const id = returning ? `${rows} returning` : String(rows);
    let text = this.#sqlByRows.get(id);
    if (text === undefined) {
      text =
        this.#prefix +
        valuesList(this.#dialect, rows, this.#columns) +
        this.#onConflict +
        (returning ? this.#returning : '');
      this.#sqlByRows.set(id, text);
    }
    return text;
  }
}

/** A key's values as one string: numbers (or BigInts, or numeric text) and text compare alike. */
function keyText(values: readonly unknown[]): string {
  return values.map(String).join('\u0000');
}

function valuesList(dialect: DialectName, rows: number, columns: number): string {
  const tuples: string[] = [];
  let n = 0;
  for (let r = 0; r < rows; r += 1) {
    const marks: string[] = [];
    for (let c = 0; c < columns; c += 1) {
      n += 1;
      marks.push(dialect === 'postgres' ? `$${n}` : '?');
    }
    tuples.push(`(${marks.join(', ')})`);
  }
  return tuples.join(', ');
}

/** Values as both drivers take them: binary as a Buffer view (no copy), undefined as NULL. */
export function bindable(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  return value;
}
