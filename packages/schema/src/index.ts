export type { DialectName } from './dialect-name.js';
export { InvalidTableDefinitionError, SchemaError, type SchemaErrorCode } from './errors.js';

export { column } from './table/column.js';
export { ColumnBuilder } from './table/column-builder.js';
export type { ServerDefaultInput } from './table/column-builder.js';
export type { ColumnDefinition, ColumnSpec, ColumnValueTypes } from './table/column-definition.js';
export type { LogicalType } from './table/logical-type.js';
export type { ServerDefault } from './table/server-default.js';
export { defineTable } from './table/define-table.js';
export type { ForeignKeyInput, IndexInput, TableOptions } from './table/define-table.js';
export type {
  ForeignKeyAction,
  ForeignKeyDefinition,
  IndexColumn,
  IndexDefinition,
  TableDefinition,
} from './table/table-definition.js';
export type { ColumnOf, DatabaseOf, TableOf } from './table/database-of.js';
export { sortTables, type ReferencingTable, type SortTablesOptions } from './table/sort-tables.js';

export { quoteIdentifier } from './ddl/quote-identifier.js';
export { renderLogicalType } from './ddl/render-logical-type.js';
export { renderColumnType } from './ddl/render-column-type.js';
export { renderServerDefault } from './ddl/render-server-default.js';
export { renderForeignKey } from './ddl/render-foreign-key.js';
export { renderCreateTable } from './ddl/render-create-table.js';
export { renderCreateIndex } from './ddl/render-create-index.js';
export { renderTableDdl } from './ddl/render-table-ddl.js';
export { renderSchemaDdl } from './ddl/render-schema-ddl.js';
