/**
 * A database schema as plain, normalised data: what introspection reads from a live database and
 * what a set of models turns into, so that the two compare field by field. Types, defaults and
 * predicates are in a canonical spelling (see `normalise.ts`); names of primary keys, unique
 * constraints and foreign keys are kept for rendering but never compared.
 */
export interface DatabaseSchema {
  /** In name order. */
  readonly tables: readonly SchemaTable[];
}

/** One table. */
export interface SchemaTable {
  readonly name: string;
  /** In table order. */
  readonly columns: readonly SchemaColumn[];
  /** The primary key's columns in key order; empty when there is none. */
  readonly primaryKey: readonly string[];
  /** Named indexes made by `CREATE INDEX` (not those behind a constraint), by name. */
  readonly indexes: readonly SchemaIndex[];
  readonly uniques: readonly SchemaUnique[];
  readonly foreignKeys: readonly SchemaForeignKey[];
}

/** One column. */
export interface SchemaColumn {
  readonly name: string;
  /** The canonical type: `varchar`, `varchar(100)`, `integer`, `bigint`, `float`, `boolean`, … */
  readonly type: string;
  readonly nullable: boolean;
  /** The canonical default expression, or null when there is none. */
  readonly default: string | null;
  /** Numbered by the database (PostgreSQL `SERIAL`; on SQLite the rowid alias). */
  readonly autoincrement: boolean;
}

/** One column of an index. */
export interface SchemaIndexColumn {
  /** The column's name, or an expression in parentheses. */
  readonly name: string;
  readonly descending: boolean;
}

/** A named index. */
export interface SchemaIndex {
  readonly name: string;
  readonly columns: readonly SchemaIndexColumn[];
  readonly unique: boolean;
  /** The `WHERE` predicate of a partial index as SQL (compared in canonical form), or null. */
  readonly where: string | null;
}

/** A `UNIQUE` constraint; its name is the database's own when the model left it unnamed. */
export interface SchemaUnique {
  readonly name: string | null;
  readonly columns: readonly string[];
}

/** A foreign key; `onDelete` is `NO ACTION` when none was given. */
export interface SchemaForeignKey {
  readonly name: string | null;
  readonly columns: readonly string[];
  readonly referencedTable: string;
  readonly referencedColumns: readonly string[];
  readonly onDelete: string;
}
