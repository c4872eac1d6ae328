/**
 * The shape of a model table that the engine compares with a database: structurally the same as
 * `@meshview/db`'s `TableDefinition` (which the engine does not import: it stays generic, and
 * the product hands its models in). `where` on an index makes it partial.
 */
export interface ModelTable {
  readonly name: string;
  readonly columns: readonly ModelColumn[];
  readonly primaryKey: readonly string[];
  readonly indexes: readonly ModelIndex[];
  readonly foreignKeys: readonly ModelForeignKey[];
}

/** A model's column type, named after SQLAlchemy's generic types. */
export type ModelType =
  | { readonly kind: 'string'; readonly length: number | null }
  | {
      readonly kind:
        | 'text'
        | 'integer'
        | 'bigInteger'
        | 'float'
        | 'boolean'
        | 'largeBinary'
        | 'date'
        | 'dateTime';
    };

/** A model's `DEFAULT`: a literal, or SQL per database. */
export type ModelServerDefault =
  | { readonly kind: 'literal'; readonly value: string | number | boolean }
  | { readonly kind: 'sql'; readonly sqlite: string; readonly postgres: string };

/** A model's column. */
export interface ModelColumn {
  readonly name: string;
  readonly type: ModelType;
  readonly nullable: boolean;
  readonly primaryKey: boolean;
  readonly autoincrement: boolean;
  /** An unnamed single-column `UNIQUE` constraint. */
  readonly unique: boolean;
  readonly serverDefault: ModelServerDefault | null;
}

/** A model's named index. */
export interface ModelIndex {
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly descending: boolean }[];
  readonly unique: boolean;
  /** The predicate of a partial index, as SQL. */
  readonly where?: string | null;
}

/** A model's foreign key. */
export interface ModelForeignKey {
  readonly name: string | null;
  readonly columns: readonly string[];
  readonly referencedTable: string;
  readonly referencedColumns: readonly string[];
  readonly onDelete: string | null;
}
