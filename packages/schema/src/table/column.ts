import { ColumnBuilder } from './column-builder.js';
import type { LogicalType } from './logical-type.js';

type Nullable<S, W = S> = {
  readonly select: S;
  readonly write: W;
  readonly nullable: true;
  readonly generated: false;
};

function start<S, W = S>(type: LogicalType): ColumnBuilder<Nullable<S, W>> {
  return new ColumnBuilder({
    type,
    nullable: true,
    primaryKey: false,
    autoincrement: false,
    unique: false,
    serverDefault: null,
  });
}

/**
 * Column builders, one per logical type, with the value type each has in TypeScript. Integers of
 * both sizes are `number` (ids and `*_us` values fit in 2^53; larger values throw when read),
 * dates are `'YYYY-MM-DD'` strings, date-times are the database's text form, and binary columns
 * read as `Buffer` and accept any `Uint8Array`.
 *
 * @example
 * defineTable('example', {
 *   id: column.integer().primaryKey().autoincrement(),
 *   name: column.string({ length: 100 }).notNull(),
 * });
 */
export const column = Object.freeze({
  /** `VARCHAR` or `VARCHAR(length)`. */
  string: (options?: { readonly length?: number }) =>
    start<string>({ kind: 'string', length: options?.length ?? null }),
  /** `TEXT`. */
  text: () => start<string>({ kind: 'text' }),
  /** `INTEGER` (`SERIAL` on PostgreSQL when autoincrement). */
  integer: () => start<number>({ kind: 'integer' }),
  /** `BIGINT` (`BIGSERIAL` on PostgreSQL when autoincrement). */
  bigInteger: () => start<number>({ kind: 'bigInteger' }),
  /** `FLOAT`. */
  float: () => start<number>({ kind: 'float' }),
  /** `BOOLEAN`; SQLite's 0/1 are read back as `false`/`true` by the connection. */
  boolean: () => start<boolean>({ kind: 'boolean' }),
  /** `BLOB` / `BYTEA`. */
  largeBinary: () => start<Buffer, Uint8Array>({ kind: 'largeBinary' }),
  /** `DATE`, as a `'YYYY-MM-DD'` string on both databases. */
  date: () => start<string>({ kind: 'date' }),
  /** `DATETIME` / `TIMESTAMP WITHOUT TIME ZONE`, as the database's text form. */
  dateTime: () => start<string>({ kind: 'dateTime' }),
});
