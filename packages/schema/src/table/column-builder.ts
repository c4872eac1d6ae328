import type { ColumnSpec, ColumnValueTypes } from './column-definition.js';
import type { ServerDefault } from './server-default.js';

type With<T extends ColumnValueTypes, N extends boolean, G extends boolean> = {
  readonly select: T['select'];
  readonly write: T['write'];
  readonly nullable: N;
  readonly generated: G;
};

/** What `serverDefault()` accepts: a literal, `{ sql }` for both dialects, or SQL per dialect. */
export type ServerDefaultInput =
  | string
  | number
  | boolean
  | { readonly sql: string }
  | { readonly sqlite: string; readonly postgres: string };

/**
 * An immutable column under construction; every method returns a new builder. `T` carries the
 * column's TypeScript types so that `DatabaseOf` can derive Kysely's table interfaces.
 * Columns are nullable until `notNull()` or `primaryKey()`, as in SQLAlchemy.
 *
 * @example column.bigInteger().notNull()
 */
export class ColumnBuilder<T extends ColumnValueTypes> {
  /** Phantom: exists only in the type system. */
  declare readonly '~types': T;
  /** The column as plain data. */
  readonly spec: ColumnSpec;

  constructor(spec: ColumnSpec) {
    this.spec = Object.freeze({
      ...spec,
      type: Object.freeze({ ...spec.type }),
      serverDefault: spec.serverDefault && Object.freeze({ ...spec.serverDefault }),
    });
    Object.freeze(this);
  }

  /** `NOT NULL`. */
  notNull(): ColumnBuilder<With<T, false, T['generated']>> {
    return new ColumnBuilder({ ...this.spec, nullable: false });
  }

  /** Allows `NULL` (the default; for symmetry). */
  nullable(): ColumnBuilder<With<T, true, T['generated']>> {
    return new ColumnBuilder({ ...this.spec, nullable: true });
  }

  /** Makes the column (part of) the primary key; primary key columns are `NOT NULL`. */
  primaryKey(): ColumnBuilder<With<T, false, T['generated']>> {
    return new ColumnBuilder({ ...this.spec, primaryKey: true, nullable: false });
  }

  /** Lets the database number the rows; only for a sole integer primary key column. */
  autoincrement(): ColumnBuilder<With<T, T['nullable'], true>> {
    return new ColumnBuilder({ ...this.spec, autoincrement: true });
  }

  /** Adds an unnamed single-column `UNIQUE` constraint. */
  unique(): ColumnBuilder<T> {
    return new ColumnBuilder({ ...this.spec, unique: true });
  }

  /**
   * Sets the `DEFAULT` clause, which makes the column optional on insert.
   *
   * @example column.dateTime().notNull().serverDefault({ sql: 'CURRENT_TIMESTAMP' })
   */
  serverDefault(value: ServerDefaultInput): ColumnBuilder<With<T, T['nullable'], true>> {
    return new ColumnBuilder({ ...this.spec, serverDefault: toServerDefault(value) });
  }
}

function toServerDefault(value: ServerDefaultInput): ServerDefault {
  if (typeof value !== 'object') return { kind: 'literal', value };
  if ('sql' in value) return { kind: 'sql', sqlite: value.sql, postgres: value.sql };
  return { kind: 'sql', sqlite: value.sqlite, postgres: value.postgres };
}
