import type { DialectName } from '../dialect-name.js';
import { sortTables } from '../table/sort-tables.js';
import type { TableDefinition } from '../table/table-definition.js';
import { renderTableDdl } from './render-table-ddl.js';

/**
 * The statements of SQLAlchemy's `create_all` for `tables`: tables in dependency-then-name order,
 * each followed by its indexes; each statement without the `;`.
 *
 * @example for (const sql of renderSchemaDdl(Object.values(tables), 'sqlite')) db.exec(sql);
 */
export function renderSchemaDdl(
  tables: readonly TableDefinition[],
  dialect: DialectName,
): string[] {
  return sortTables(tables).flatMap((table) => renderTableDdl(table, dialect));
}
