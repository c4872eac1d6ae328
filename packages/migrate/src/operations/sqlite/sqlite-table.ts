/**
 * A SQLite table as its stored `CREATE TABLE` text says, split into parts a rebuild can change
 * one by one while the rest stays exactly as written (named and unnamed constraints, collations,
 * `ON CONFLICT` clauses, comments).
 */
export interface SqliteTable {
  /** The table's name, and how the statement wrote it (bare or quoted). */
  readonly name: string;
  readonly nameText: string;
  readonly columns: readonly SqliteColumn[];
  readonly constraints: readonly SqliteTableConstraint[];
  /** What follows the closing parenthesis (`WITHOUT ROWID`, `STRICT`), as written. */
  readonly options: string;
  readonly withoutRowid: boolean;
  /** The statement as stored, kept while only the parts above describe it. */
  readonly text?: string | undefined;
  /** Explicit indexes (not the automatic ones of UNIQUE and PRIMARY KEY constraints). */
  readonly indexes: readonly SqliteIndex[];
  /** `CREATE TRIGGER` statements on the table. */
  readonly triggers: readonly SqliteTrigger[];
}

/** One column definition. */
export interface SqliteColumn {
  readonly name: string;
  readonly nameText: string;
  /** The declared type as written; empty when there is none. */
  readonly type: string;
  readonly constraints: readonly SqliteColumnConstraint[];
  /** The whole definition as written; undefined once a part was changed (then it is rendered). */
  readonly text: string | undefined;
}

/** A column constraint, kept as written. */
export interface SqliteColumnConstraint {
  readonly kind:
    | 'primaryKey'
    | 'notNull'
    | 'null'
    | 'unique'
    | 'check'
    | 'default'
    | 'collate'
    | 'references'
    | 'generated';
  readonly name: string | null;
  readonly text: string;
  /** Lower-cased identifiers the constraint mentions (for a CHECK: the columns it may use). */
  readonly identifiers: readonly string[];
}

/** A table constraint, kept as written. */
export interface SqliteTableConstraint {
  readonly kind: 'primaryKey' | 'unique' | 'check' | 'foreignKey';
  readonly name: string | null;
  /** The constrained columns (for CHECK: empty). */
  readonly columns: readonly string[];
  /** CHECK's expression, as written. */
  readonly expression?: string;
  readonly referencedTable?: string;
  readonly text: string;
  readonly identifiers: readonly string[];
}

/** An explicit index: its statement as stored, and the columns it uses (lower-cased). */
export interface SqliteIndex {
  readonly name: string;
  readonly sql: string;
  readonly columns: readonly string[];
}

/**
 * Offline SQL's view of a SQLite database: its tables by lower-cased name, and whether
 * `PRAGMA legacy_alter_table` is on (then a table rename leaves other tables' foreign keys as
 * they are, which a rebuild relies on).
 */
export class SqliteCatalog extends Map<string, SqliteTable> {
  legacyAlterTable = false;
}

/** A trigger on the table. */
export interface SqliteTrigger {
  readonly name: string;
  readonly sql: string;
}
