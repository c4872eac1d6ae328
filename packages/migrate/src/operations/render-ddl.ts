import {
  quoteIdentifier,
  renderColumnType,
  renderCreateTable,
  renderServerDefault,
  type ColumnDefinition,
  type ForeignKeyDefinition,
  type IndexDefinition,
  type LogicalType,
  type ServerDefault,
  type TableDefinition,
} from '@meshview/db';
import type { DialectName } from '../migration-script.js';
import type {
  CheckConstraintDefinition,
  TableSnapshot,
  UniqueConstraintDefinition,
} from './types.js';

/** Quotes an identifier the way packages/db's DDL does (bare when it can be). */
export function q(name: string, dialect: DialectName): string {
  return quoteIdentifier(name, dialect);
}

/** A logical type's spelling on `dialect` (no SERIAL: that is for CREATE TABLE only). */
export function renderType(type: LogicalType, dialect: DialectName): string {
  return renderColumnType(
    {
      name: '',
      type,
      nullable: true,
      primaryKey: false,
      autoincrement: false,
      unique: false,
      serverDefault: null,
    },
    dialect,
  );
}

/**
 * A column definition for `ADD COLUMN` or a rebuilt table: name, type, default, NOT NULL, and on
 * request the inline PRIMARY KEY and UNIQUE that `ADD COLUMN` needs.
 */
export function renderColumn(
  column: ColumnDefinition,
  dialect: DialectName,
  { inlineKeys = false }: { inlineKeys?: boolean } = {},
): string {
  let sql = `${q(column.name, dialect)} ${renderColumnType(column, dialect)}`;
  if (column.serverDefault !== null)
    sql += ` DEFAULT ${renderDefault(column.serverDefault, dialect)}`;
  if (!column.nullable && !(inlineKeys && column.primaryKey)) sql += ' NOT NULL';
  if (inlineKeys && column.primaryKey) sql += ' PRIMARY KEY';
  if (inlineKeys && column.unique) sql += ' UNIQUE';
  return sql;
}

const CONSTANT = /^(-?[\d.]+|'(?:[^']|'')*'|NULL|TRUE|FALSE|X'[0-9a-f]*')$/is;

/** Whether a default is a constant (what SQLite's ADD COLUMN accepts). */
export function isConstantDefault(value: ServerDefault): boolean {
  return value.kind === 'literal' || CONSTANT.test(value.sqlite.trim());
}

/**
 * The SQL after `DEFAULT`. SQLite's grammar takes an expression there only in parentheses, so
 * one that is not a constant or CURRENT_TIME/DATE/TIMESTAMP is wrapped.
 */
export function renderDefault(value: ServerDefault, dialect: DialectName): string {
  const sql = renderServerDefault(value, dialect);
  if (dialect === 'postgres' || isConstantDefault(value)) return sql;
  return /^(CURRENT_(TIME|DATE|TIMESTAMP)|\(.*\))$/is.test(sql.trim()) ? sql : `(${sql})`;
}

const constraintName = (name: string | null, dialect: DialectName): string =>
  name === null ? '' : `CONSTRAINT ${q(name, dialect)} `;

/** `[CONSTRAINT n] UNIQUE (a, b)`. */
export function renderUnique(c: UniqueConstraintDefinition, dialect: DialectName): string {
  return `${constraintName(c.name, dialect)}UNIQUE (${c.columns.map((n) => q(n, dialect)).join(', ')})`;
}

/** `[CONSTRAINT n] CHECK (expression)`. */
export function renderCheck(c: CheckConstraintDefinition, dialect: DialectName): string {
  return `${constraintName(c.name, dialect)}CHECK (${c.expression})`;
}

/** `[CONSTRAINT n] FOREIGN KEY(a) REFERENCES t (b) [ON DELETE x]`, SQLAlchemy's layout. */
export function renderForeignKey(fk: ForeignKeyDefinition, dialect: DialectName): string {
  const list = (names: readonly string[]): string => names.map((n) => q(n, dialect)).join(', ');
  const onDelete = fk.onDelete === null ? '' : ` ON DELETE ${fk.onDelete}`;
  return (
    `${constraintName(fk.name, dialect)}FOREIGN KEY(${list(fk.columns)}) ` +
    `REFERENCES ${q(fk.referencedTable, dialect)} (${list(fk.referencedColumns)})${onDelete}`
  );
}

/** `CREATE [UNIQUE] INDEX name ON table (…)`. */
export function renderIndex(table: string, index: IndexDefinition, dialect: DialectName): string {
  const columns = index.columns.map((c) => `${q(c.name, dialect)}${c.descending ? ' DESC' : ''}`);
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${q(index.name, dialect)} ON ${q(table, dialect)} (${columns.join(', ')})`;
}

/** `CREATE TABLE` for a definition, with a snapshot's extra UNIQUE and CHECK constraints. */
export function renderSnapshotTable(table: TableDefinition, dialect: DialectName): string {
  const base = renderCreateTable(table, dialect);
  const snapshot = table as TableSnapshot;
  const extras = [
    ...(snapshot.uniqueConstraints ?? []).map((c) => renderUnique(c, dialect)),
    ...(snapshot.checkConstraints ?? []).map((c) => renderCheck(c, dialect)),
  ];
  if (extras.length === 0) return base;
  return `${base.slice(0, -2)}, \n\t${extras.join(', \n\t')}\n)`;
}

/** The statements that create a table: CREATE TABLE, its indexes by name, its triggers. */
export function renderCreateStatements(table: TableDefinition, dialect: DialectName): string[] {
  const indexes = [...table.indexes].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  return [
    renderSnapshotTable(table, dialect),
    ...indexes.map((index) => renderIndex(table.name, index, dialect)),
    ...((table as TableSnapshot).triggers ?? []),
  ];
}
