import { renderCreateIndex, type TableDefinition } from '@meshview/schema';
import { renderSnapshotTable } from '../render-ddl.js';
import type { TableSnapshot } from '../types.js';
import { indexColumns, parseCreateTable } from './parse-create-table.js';
import type { SqliteTable } from './sqlite-table.js';
import { triggerName } from './triggers.js';

/** A table definition given by a script (`copyFrom`), as SQLite would store it. */
export function sqliteTableFromSnapshot(table: TableDefinition | TableSnapshot): SqliteTable {
  const indexes = table.indexes.map((index) => {
    const sql = renderCreateIndex(table.name, index, 'sqlite');
    return { name: index.name, sql, columns: indexColumns(sql) };
  });
  const triggers = ((table as TableSnapshot).triggers ?? []).map((sql) => ({
    name: triggerName(sql),
    sql,
  }));
  return parseCreateTable(renderSnapshotTable(table, 'sqlite'), { indexes, triggers });
}
