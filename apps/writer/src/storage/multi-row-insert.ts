import { CompiledQuery, type Kysely } from 'kysely';
import type { DialectName } from '@meshview/db';

/** What one multi-row `INSERT` writes. */
export interface MultiRowInsertSpec {
  readonly table: string;
  readonly columns: readonly string[];
  /** Appended after the VALUES list, e.g. `ON CONFLICT (id) DO NOTHING`. */
  readonly onConflict?: string;
  /**
   * At most this many rows per statement. Both databases cap the parameters of one statement
   * (SQLite 32,766, PostgreSQL 65,535); below that, smaller statements are cheaper to parse.
   */
  readonly maxRows?: number;
  /** Appended last, e.g. `RETURNING id`: the rows `runReturning` gives back. */
  readonly returning?: string;
}

const MAX_PARAMETERS = 30_000;
const DEFAULT_MAX_ROWS = 500;

/**
 * An `INSERT INTO t (…) VALUES (…), (…) …` of many rows at once, written as SQL text without
 * building a query tree: the text for each row count is made once and reused, so the hot path
 * only flattens the values. Runs on whatever Kysely connection it is given (a transaction's).
 *
 * @example
 * const insert = new MultiRowInsert('sqlite', { table: 'packet', columns: ['id', 'portnum'] });
 * const written = await insert.run(conn, [[1, 3], [2, 4]]);
 */
export class MultiRowInsert {
  readonly #dialect: DialectName;
  readonly #prefix: string;
  readonly #suffix: string;
  readonly #columns: number;
  readonly #maxRows: number;
  readonly #sqlByRows = new Map<number, string>();

  constructor(dialect: DialectName, spec: MultiRowInsertSpec) {
    this.#dialect = dialect;
    this.#columns = spec.columns.length;
    this.#prefix = `INSERT INTO ${spec.table} (${spec.columns.join(', ')}) VALUES `;
    this.#suffix =
      (spec.onConflict ? ` ${spec.onConflict}` : '') + (spec.returning ? ` ${spec.returning}` : '');
    const byParameters = Math.floor(MAX_PARAMETERS / this.#columns);
    this.#maxRows = Math.max(1, Math.min(spec.maxRows ?? DEFAULT_MAX_ROWS, byParameters));
  }

  /** Inserts `rows` (each one value per column, in order) and returns how many were written. */
  async run(db: Kysely<any>, rows: readonly (readonly unknown[])[]): Promise<number> {
    let written = 0;
    for (let start = 0; start < rows.length; start += this.#maxRows) {
      const result = await this.#runChunk(db, rows.slice(start, start + this.#maxRows));
      written += Number(result.numAffectedRows ?? 0n);
    }
    return written;
  }

  /**
   * Inserts `rows` like `run` and returns what the spec's `RETURNING` clause gives for the rows
   * written (with `ON CONFLICT DO NOTHING`, only the ones inserted: both databases agree).
   */
  async runReturning<R>(db: Kysely<any>, rows: readonly (readonly unknown[])[]): Promise<R[]> {
    const returned: R[] = [];
    for (let start = 0; start < rows.length; start += this.#maxRows) {
      const result = await this.#runChunk(db, rows.slice(start, start + this.#maxRows));
      for (const row of result.rows) returned.push(row as R);
    }
    return returned;
  }

  #runChunk(db: Kysely<any>, chunk: readonly (readonly unknown[])[]) {
    const parameters: unknown[] = [];
    for (const row of chunk) {
      for (const value of row) parameters.push(bindable(value));
    }
    return db.executeQuery(CompiledQuery.raw(this.#sql(chunk.length), parameters));
  }

  #sql(rows: number): string {
    let text = this.#sqlByRows.get(rows);
    if (text === undefined) {
      text = this.#prefix + valuesList(this.#dialect, rows, this.#columns) + this.#suffix;
      this.#sqlByRows.set(rows, text);
    }
    return text;
  }
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
