import type { ColumnDefinition, ColumnValueTypes } from './column-definition.js';

/** One column of an index, ascending unless `descending`. */
export interface IndexColumn {
  readonly name: string;
  readonly descending: boolean;
}

/** A named index (`CREATE [UNIQUE] INDEX name ON table (…) [WHERE …]`). */
export interface IndexDefinition {
  readonly name: string;
  readonly columns: readonly IndexColumn[];
  readonly unique: boolean;
  /**
   * The predicate of a partial index, as SQL that both databases accept (`WHERE` is left out);
   * absent for an index on every row.
   */
  readonly where?: string;
}

/** What `ON DELETE` may say. */
export type ForeignKeyAction = 'CASCADE' | 'SET NULL' | 'SET DEFAULT' | 'RESTRICT' | 'NO ACTION';

/** A foreign key table constraint: `columns` reference `referencedTable (referencedColumns)`. */
export interface ForeignKeyDefinition {
  /** `null` leaves naming to the database, as SQLAlchemy does by default. */
  readonly name: string | null;
  readonly columns: readonly string[];
  readonly referencedTable: string;
  readonly referencedColumns: readonly string[];
  readonly onDelete: ForeignKeyAction | null;
}

/**
 * A table as plain, frozen data: what DDL is rendered from and what a live database is diffed
 * against. `TColumns` is a phantom map of column names to their TypeScript types (see
 * `DatabaseOf`).
 */
export interface TableDefinition<
  TName extends string = string,
  TColumns extends Readonly<Record<string, ColumnValueTypes>> = Readonly<
    Record<string, ColumnValueTypes>
  >,
> {
  readonly name: TName;
  /** In table order. */
  readonly columns: readonly ColumnDefinition[];
  /** The primary key's column names in column order; empty when the table has none. */
  readonly primaryKey: readonly string[];
  readonly indexes: readonly IndexDefinition[];
  readonly foreignKeys: readonly ForeignKeyDefinition[];
  /** Phantom: exists only in the type system. */
  readonly '~columns'?: TColumns;
}
