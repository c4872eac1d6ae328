import type { DialectName } from '../dialect-name.js';
import type { TableDefinition } from '../table/table-definition.js';
import { renderCreateIndex } from './render-create-index.js';
import { renderCreateTable } from './render-create-table.js';

/**
 * The statements that create one table: `CREATE TABLE`, then its indexes by name (the order of
 * `create_all`'s output), each without the `;`.
 */
export function renderTableDdl(table: TableDefinition, dialect: DialectName): string[] {
  const indexes = [...table.indexes].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  return [
    renderCreateTable(table, dialect),
    ...indexes.map((index) => renderCreateIndex(table.name, index, dialect)),
  ];
}
