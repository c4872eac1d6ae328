import type { DialectName } from '../dialect-name.js';
import type { ColumnDefinition } from '../table/column-definition.js';
import type { TableDefinition } from '../table/table-definition.js';
import { quoteIdentifier } from './quote-identifier.js';
import { renderColumnType } from './render-column-type.js';
import { renderForeignKey } from './render-foreign-key.js';
import { renderServerDefault } from './render-server-default.js';

/**
 * `CREATE TABLE` exactly as SQLAlchemy 1.4's DDL compiler writes it (without the `;`): one tab
 * before each element, elements separated by `", \n"`, then the primary key, the single-column
 * `UNIQUE` constraints in column order and the foreign keys.
 *
 * @example renderCreateTable(nodeTable, 'postgres') // 'CREATE TABLE node (\n\tid VARCHAR NOT NULL, …\n)'
 */
export function renderCreateTable(table: TableDefinition, dialect: DialectName): string {
  const q = (name: string): string => quoteIdentifier(name, dialect);
  const list = (names: readonly string[]): string => names.map(q).join(', ');
  const elements = table.columns.map((column) => renderColumn(column, dialect));
  if (table.primaryKey.length > 0) elements.push(`PRIMARY KEY (${list(table.primaryKey)})`);
  for (const column of table.columns) {
    if (column.unique) elements.push(`UNIQUE (${q(column.name)})`);
  }
  for (const fk of table.foreignKeys) elements.push(renderForeignKey(fk, dialect));
  return `CREATE TABLE ${q(table.name)} (\n\t${elements.join(', \n\t')}\n)`;
}

function renderColumn(column: ColumnDefinition, dialect: DialectName): string {
  let sql = `${quoteIdentifier(column.name, dialect)} ${renderColumnType(column, dialect)}`;
  if (column.serverDefault !== null) {
    sql += ` DEFAULT ${renderServerDefault(column.serverDefault, dialect)}`;
  }
  return column.nullable ? sql : `${sql} NOT NULL`;
}
