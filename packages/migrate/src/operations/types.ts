import type {
  ColumnDefinition,
  ForeignKeyDefinition,
  IndexDefinition,
  LogicalType,
  ServerDefault,
  TableDefinition,
} from '@meshview/schema';

/**
 * A table as a script knows it before an operation: the table definition (`@meshview/schema`'s
 * plain data, as a generated script embeds it) and, optionally, what a definition cannot say. On
 * SQLite an operation that must rebuild the table reads the live table when there is a database;
 * with offline SQL (`--sql`) there is none, and the rebuild uses this instead (Alembic's
 * `copy_from`).
 *
 * @example
 * await ctx.op.alterColumn('node', 'role', { type: { kind: 'integer' } }, { copyFrom: nodeAtThisRevision });
 */
export interface TableSnapshot extends TableDefinition {
  /** Named or unnamed multi-column `UNIQUE` table constraints (single-column ones may also be `column.unique`). */
  readonly uniqueConstraints?: readonly UniqueConstraintDefinition[];
  readonly checkConstraints?: readonly CheckConstraintDefinition[];
  /** `CREATE TRIGGER` statements on the table, recreated after a rebuild. */
  readonly triggers?: readonly string[];
}

/** A `UNIQUE (columns)` table constraint; `name: null` leaves it unnamed (SQLite) or named by the database (PostgreSQL). */
export interface UniqueConstraintDefinition {
  readonly name: string | null;
  readonly columns: readonly string[];
}

/** A `CHECK (expression)` table constraint; the expression is SQL, the same on both databases. */
export interface CheckConstraintDefinition {
  readonly name: string | null;
  readonly expression: string;
}

/**
 * Names one constraint of a table: by its name, or (for an unnamed one, which SQLite cannot
 * address by name) by its kind and columns.
 *
 * @example await ctx.op.dropConstraint('node', { kind: 'unique', columns: ['node_id'] });
 */
export type ConstraintRef =
  | string
  | { readonly kind: 'unique'; readonly columns: readonly string[] }
  | { readonly kind: 'foreignKey'; readonly columns: readonly string[] }
  | { readonly kind: 'check'; readonly expression: string };

/**
 * What `alterColumn` changes; a property left out stays as it is. `serverDefault: null` drops the
 * default.
 */
export interface AlterColumnChanges {
  readonly type?: LogicalType;
  readonly nullable?: boolean;
  readonly serverDefault?: ServerDefault | null;
  /**
   * How old values become the new type, as an SQL expression over the column (PostgreSQL's
   * `USING`; on SQLite the copy's select expression). Default: `CAST(column AS new type)`.
   */
  readonly using?: string;
}

/** Options of every operation that may rebuild a SQLite table. */
export interface RebuildOptions {
  /**
   * The table as it is before this operation, for when there is no database to read it from
   * (offline SQL). Online, the live table is read and this is not needed.
   */
  readonly copyFrom?: TableSnapshot;
}

/** Options of `dropTable`. */
export interface DropTableOptions {
  /** Drop even when other tables' foreign keys reference it (their rows are left as they are). */
  readonly force?: boolean;
}

/**
 * Several changes to one table applied together: on SQLite one rebuild for all of them (when any
 * needs one), on PostgreSQL one ALTER each. Recording only; `batchAlterTable` applies them.
 */
export interface BatchOperations {
  addColumn(column: ColumnDefinition): void;
  dropColumn(name: string): void;
  renameColumn(from: string, to: string): void;
  alterColumn(name: string, changes: AlterColumnChanges): void;
  addUniqueConstraint(constraint: UniqueConstraintDefinition): void;
  addForeignKey(foreignKey: ForeignKeyDefinition): void;
  addCheckConstraint(constraint: CheckConstraintDefinition): void;
  dropConstraint(constraint: ConstraintRef): void;
  createIndex(index: IndexDefinition): void;
  dropIndex(name: string): void;
}

/**
 * The schema operations a migration script calls as `ctx.op.…`. Each renders the dialect's SQL
 * and runs it in the revision's transaction (or prints it, with offline SQL). On PostgreSQL every
 * operation is plain DDL (`ALTER TABLE …`). On SQLite, what `ALTER TABLE` cannot do is done by a
 * safe table rebuild: new table, copy of every row (with casts where the type changes), drop,
 * rename, then the indexes and triggers again; the revision then runs with foreign keys off and a
 * `PRAGMA foreign_key_check` before it commits (see docs/MIGRATIONS.md).
 *
 * Tables, columns, indexes and foreign keys are `@meshview/schema`'s plain definitions, so a
 * generated script can embed them as data: a script stays frozen in time.
 *
 * @example
 * export async function upgrade(ctx: MigrationContext) {
 *   await ctx.op.addColumn('node', { name: 'battery', type: { kind: 'integer' }, nullable: true,
 *     primaryKey: false, autoincrement: false, unique: false, serverDefault: null });
 *   await ctx.op.alterColumn('packet', 'channel', { nullable: false });
 * }
 */
export interface Operations {
  /** `CREATE TABLE` and its indexes. */
  createTable(table: TableDefinition): Promise<void>;
  /** `DROP TABLE`; refuses while other tables' foreign keys reference it, unless `force`. */
  dropTable(name: string, options?: DropTableOptions): Promise<void>;
  /** `ALTER TABLE … RENAME TO`. */
  renameTable(from: string, to: string): Promise<void>;
  /** `ADD COLUMN`; on SQLite a rebuild when the column is a key, unique, or NOT NULL without a constant default. */
  addColumn(table: string, column: ColumnDefinition, options?: RebuildOptions): Promise<void>;
  /** `DROP COLUMN`, with the indexes and constraints that use it; on SQLite a rebuild. */
  dropColumn(table: string, name: string, options?: RebuildOptions): Promise<void>;
  /** `RENAME COLUMN` (also on SQLite: indexes, triggers and foreign keys follow). */
  renameColumn(table: string, from: string, to: string): Promise<void>;
  /** Type, nullability and default; on SQLite a rebuild. */
  alterColumn(
    table: string,
    name: string,
    changes: AlterColumnChanges,
    options?: RebuildOptions,
  ): Promise<void>;
  /** `CREATE [UNIQUE] INDEX`, partial when the index has a `where`. */
  createIndex(table: string, index: IndexDefinition): Promise<void>;
  /** `DROP INDEX`. */
  dropIndex(name: string): Promise<void>;
  /** A `UNIQUE` table constraint; on SQLite a rebuild. */
  addUniqueConstraint(
    table: string,
    constraint: UniqueConstraintDefinition,
    options?: RebuildOptions,
  ): Promise<void>;
  /** A `FOREIGN KEY` table constraint; on SQLite a rebuild. */
  addForeignKey(
    table: string,
    foreignKey: ForeignKeyDefinition,
    options?: RebuildOptions,
  ): Promise<void>;
  /** A `CHECK` table constraint; on SQLite a rebuild. */
  addCheckConstraint(
    table: string,
    constraint: CheckConstraintDefinition,
    options?: RebuildOptions,
  ): Promise<void>;
  /** Drops a constraint by name, or an unnamed one by kind and columns; on SQLite a rebuild. */
  dropConstraint(table: string, constraint: ConstraintRef, options?: RebuildOptions): Promise<void>;
  /**
   * Several changes to one table at once (Alembic's `batch_alter_table`): on SQLite a single
   * rebuild when any of them needs one.
   *
   * @example
   * await ctx.op.batchAlterTable('node', (t) => {
   *   t.dropColumn('firmware');
   *   t.alterColumn('role', { nullable: false, serverDefault: { kind: 'literal', value: 'CLIENT' } });
   * });
   */
  batchAlterTable(
    table: string,
    build: (batch: BatchOperations) => void,
    options?: RebuildOptions,
  ): Promise<void>;
  /** Rebuilds a SQLite table as it is (no change), e.g. after editing it by hand; a no-op on PostgreSQL. */
  rebuildTable(table: string, options?: RebuildOptions): Promise<void>;
}
