import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { ReadOnlyViolationError, UnsafeIntegerError } from '../../errors.js';
import { transactionStatement } from '../read-only-statement.js';

type Row = Record<string, unknown>;

const STATEMENT_CACHE_SIZE = 256;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/**
 * better-sqlite3 as Kysely's `SqliteDatabase`, made to return what PostgreSQL returns:
 * - columns declared `BOOLEAN` (SQLite stores 0/1) read as `false`/`true`; SQLite reports the
 *   declared type through aliases, joins, subqueries and `RETURNING`, but not for expressions
 *   (`max(done)` stays a number);
 * - `true`/`false` parameters bind as 1/0 (better-sqlite3 refuses booleans);
 * - integers read exactly (as BigInt) and become numbers, or throw `UnsafeIntegerError` beyond
 *   2^53 − 1 instead of silently losing precision;
 * - `readOnly`: only statements that return rows and change nothing are prepared (plus Kysely's
 *   transaction statements), so `ATTACH`, `PRAGMA query_only = 0` and the like are refused on top
 *   of the file being opened read-only.
 */
export class SqliteAdapter implements SqliteDatabase {
  #db: BetterSqlite3.Database;
  // Prepared statements by SQL text: the writer runs the same few statements thousands of times a
  // second, and preparing one costs about as much as running it.
  readonly #cache = new Map<string, SqliteStatement>();

  readonly #readOnly: boolean;

  constructor(
    db: BetterSqlite3.Database,
    { readOnly = false }: { readonly readOnly?: boolean } = {},
  ) {
    this.#db = db;
    this.#readOnly = readOnly;
  }

  prepare(sql: string): SqliteStatement {
    let statement = this.#cache.get(sql);
    if (statement === undefined) {
      statement = this.#prepare(sql);
      if (this.#cache.size >= STATEMENT_CACHE_SIZE) {
        this.#cache.delete(this.#cache.keys().next().value!);
      }
      this.#cache.set(sql, statement);
    }
    return statement;
  }

  #prepare(sql: string): SqliteStatement {
    const statement = this.#db.prepare(sql);
    // `PRAGMA name` with no value only reads, though SQLite does not flag it read-only.
    const reads =
      statement.reader && (statement.readonly || /^\s*pragma\s+\w+\s*;?\s*$/i.test(sql));
    if (this.#readOnly && !reads) {
      const control = transactionStatement(sql);
      if (control === undefined || (control.kind === 'begin' && control.readWrite)) {
        throw new ReadOnlyViolationError(sql);
      }
    }
    if (!statement.reader) {
      return {
        reader: false,
        all: (parameters) => statement.all(bindable(parameters)),
        run: (parameters) => statement.run(bindable(parameters)),
        iterate: (parameters) => statement.iterate(bindable(parameters)),
      };
    }
    statement.safeIntegers(true);
    // Which columns are BOOLEAN is asked at every run, not once: the statement is cached, and a
    // later ALTER TABLE (by any connection) can change what `SELECT *` returns.
    const booleans = (): string[] =>
      statement
        .columns()
        .filter((c) => /^bool(ean)?$/i.test(c.type ?? ''))
        .map((c) => c.name);
    return {
      reader: true,
      all: (parameters) => {
        const rows = statement.all(bindable(parameters)) as Row[];
        // Asked after running: SQLite prepares a statement again when the schema changed.
        const names = booleans();
        return rows.map((row) => toJs(row, names));
      },
      run: (parameters) => statement.run(bindable(parameters)),
      iterate: (parameters) => mapRows(statement.iterate(bindable(parameters)), booleans()),
    };
  }

  /**
   * Goes on with another handle (the same path opened again, after the file was replaced) and
   * closes the one it had; statements prepared on the old one are dropped.
   */
  replace(db: BetterSqlite3.Database): void {
    const old = this.#db;
    this.#cache.clear();
    this.#db = db;
    if (old.open) old.close();
  }

  /** Whether the current handle is still open. */
  get open(): boolean {
    return this.#db.open;
  }

  close(): void {
    this.#cache.clear();
    if (this.#db.open) this.#db.close();
  }
}

function bindable(parameters: readonly unknown[]): unknown[] {
  return parameters.map((p) => (typeof p === 'boolean' ? Number(p) : p));
}

function* mapRows(rows: IterableIterator<unknown>, booleans: readonly string[]) {
  for (const row of rows) yield toJs(row as Row, booleans);
}

function toJs(row: Row, booleans: readonly string[]): Row {
  for (const key in row) {
    const value = row[key];
    if (typeof value !== 'bigint') continue;
    if (value > MAX_SAFE || value < MIN_SAFE) {
      throw new UnsafeIntegerError(String(value), key);
    }
    row[key] = Number(value);
  }
  for (const key of booleans) {
    const value = row[key];
    if (typeof value === 'number') row[key] = value !== 0;
  }
  return row;
}
