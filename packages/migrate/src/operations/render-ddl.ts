import {
  quoteIdentifier,
  renderColumnType,
  renderCreateTable,
  renderServerDefault,
  renderTableDdl,
  type ColumnDefinition,
  type DialectName,
  type ServerDefault,
  type TableDefinition,
} from '@meshview/schema';
import type {
  CheckConstraintDefinition,
  TableSnapshot,
  UniqueConstraintDefinition,
} from './types.js';

// What only migrations need besides `@meshview/schema`'s DDL: a column for `ADD COLUMN` (keys
// inline, SQLite's parentheses around an expression default), and a snapshot's extra constraints
// and triggers.

/**
 * A column definition for `ADD COLUMN` or a rebuilt table: name, type, default, NOT NULL, and on
 * request the inline PRIMARY KEY and UNIQUE that `ADD COLUMN` needs.
 */
export function renderColumn(
  column: ColumnDefinition,
  dialect: DialectName,
  { inlineKeys = false }: { inlineKeys?: boolean } = {},
): string {
  let sql = `${quoteIdentifier(column.name, dialect)} ${renderColumnType(column, dialect)}`;
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
  name === null ? '' : `CONSTRAINT ${quoteIdentifier(name, dialect)} `;

/** `[CONSTRAINT n] UNIQUE (a, b)`. */
export function renderUnique(c: UniqueConstraintDefinition, dialect: DialectName): string {
  const columns = c.columns.map((n) => quoteIdentifier(n, dialect)).join(', ');
  return `${constraintName(c.name, dialect)}UNIQUE (${columns})`;
}

/** `[CONSTRAINT n] CHECK (expression)`. */
export function renderCheck(c: CheckConstraintDefinition, dialect: DialectName): string {
  return `${constraintName(c.name, dialect)}CHECK (${c.expression})`;
}

/** `CREATE TABLE` for a definition, with a snapshot's extra UNIQUE and CHECK constraints. */
export function renderSnapshotTable(table: TableDefinition, dialect: DialectName): string {
  const create = renderCreateTable(table, dialect);
  const snapshot = table as TableSnapshot;
  const extras = [
    ...(snapshot.uniqueConstraints ?? []).map((c) => renderUnique(c, dialect)),
    ...(snapshot.checkConstraints ?? []).map((c) => renderCheck(c, dialect)),
  ];
  if (extras.length === 0) return create;
  return `${create.slice(0, -2)}, \n\t${extras.join(', \n\t')}\n)`;
}

/**
 * The statements that create a table: `@meshview/schema`'s (CREATE TABLE, its indexes by name)
 * with the snapshot's extras, then its triggers.
 */
export function renderCreateStatements(table: TableDefinition, dialect: DialectName): string[] {
  const [, ...indexes] = renderTableDdl(table, dialect);
  return [
    renderSnapshotTable(table, dialect),
    ...indexes,
    ...((table as TableSnapshot).triggers ?? []),
  ];
}
