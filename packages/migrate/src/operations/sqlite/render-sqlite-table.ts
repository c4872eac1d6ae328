import type { SqliteColumn, SqliteTable } from './sqlite-table.js';

/** A column definition: as written when unchanged, else from its parts. */
export function renderSqliteColumn(column: SqliteColumn): string {
  if (column.text !== undefined) return column.text;
  return [column.nameText, column.type, ...column.constraints.map((c) => c.text)]
    .filter((part) => part !== '')
    .join(' ');
}

/**
 * The table's `CREATE TABLE` statement, laid out as SQLAlchemy (and `@meshview/schema`) write
 * it; every element that was not changed is the text it was written with.
 */
export function renderSqliteTable(table: SqliteTable): string {
  return renderParts(table);
}

/**
 * The statement a rebuild creates `after` with: `before`'s own text when the change left the
 * table's definition as it was (a rebuild for an index, or `rebuildTable`), else the parts.
 */
export function renderRebuiltTable(before: SqliteTable, after: SqliteTable): string {
  const rendered = renderParts(after);
  return before.text !== undefined && rendered === renderParts(before) ? before.text : rendered;
}

function renderParts(table: SqliteTable): string {
  const elements = [
    ...table.columns.map(renderSqliteColumn),
    ...table.constraints.map((c) => c.text),
  ];
  return `CREATE TABLE ${table.nameText} (\n\t${elements.join(', \n\t')}\n)${table.options}`;
}
