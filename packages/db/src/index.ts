export {
  DatabaseAccessError,
  DatabaseNotFoundError,
  DatabaseOpenError,
  DbError,
  InvalidConnectionStringError,
  InvalidTableDefinitionError,
  ReadOnlyViolationError,
  UnsafeIntegerError,
  UnsupportedConnectionStringError,
} from './errors.js';
export type { DatabaseAccessCode, DbErrorCode } from './errors.js';
export type { DialectName } from './dialect-name.js';

export { column } from './schema/column.js';
export { ColumnBuilder } from './schema/column-builder.js';
export type { ServerDefaultInput } from './schema/column-builder.js';
export type { ColumnDefinition, ColumnSpec, ColumnValueTypes } from './schema/column-definition.js';
export type { LogicalType } from './schema/logical-type.js';
export type { ServerDefault } from './schema/server-default.js';
export { defineTable } from './schema/define-table.js';
export type { ForeignKeyInput, IndexInput, TableOptions } from './schema/define-table.js';
export type {
  ForeignKeyAction,
  ForeignKeyDefinition,
  IndexColumn,
  IndexDefinition,
  TableDefinition,
} from './schema/table-definition.js';
export type { ColumnOf, DatabaseOf, TableOf } from './schema/database-of.js';
export { sortTables } from './schema/sort-tables.js';

export { quoteIdentifier } from './ddl/quote-identifier.js';
export { renderColumnType } from './ddl/render-column-type.js';
export { renderServerDefault } from './ddl/render-server-default.js';
export { renderCreateTable } from './ddl/render-create-table.js';
export { renderCreateIndex } from './ddl/render-create-index.js';
export { renderTableDdl } from './ddl/render-table-ddl.js';
export { renderSchemaDdl } from './ddl/render-schema-ddl.js';

export { nodeTable } from './tables/node.table.js';
export { packetTable } from './tables/packet.table.js';
export { packetSeenTable } from './tables/packet-seen.table.js';
export { tracerouteTable } from './tables/traceroute.table.js';
export { nodePublicKeyTable } from './tables/node-public-key.table.js';
export { dailySnapshotTable } from './tables/daily-snapshot.table.js';
export { writerStatsTable } from './tables/writer-stats.table.js';
export { WRITER_COUNTERS, type WriterCounter } from './tables/writer-stats.table.js';
export {
  FINEST_BUCKET_US,
  ROLLUP_TABLES,
  rollupTable,
  rollupTableDefinitions,
  type RollupFamily,
  type RollupGranularity,
  type RollupKeyColumn,
  type RollupTable,
} from './tables/stats-rollups.js';
export { DAY_US, HOUR_US } from './tables/time-units.js';
export { tables } from './tables/tables.js';
export { columnNames } from './tables/column-names.js';
export type { Database } from './database.js';

export type {
  ConnectionTarget,
  PostgresTarget,
  SqliteTarget,
} from './connection/connection-target.js';
export { parseConnectionString } from './connection/parse-connection-string.js';
export { redactConnectionString } from './connection/redact-connection-string.js';
export { explainDatabaseError } from './connection/explain-database-error.js';
export type { DatabaseErrorContext } from './connection/explain-database-error.js';
export { inTransaction, writeTransaction } from './connection/transaction.js';
export type { ParseConnectionStringOptions } from './connection/parse-connection-string.js';
export type { DatabaseConnection, OpenDatabaseOptions } from './connection/database-connection.js';
export { openDatabase } from './connection/open-database.js';
export {
  probeSqliteFileLock,
  SqliteFileLock,
  type FileLockState,
} from './connection/sqlite/sqlite-file-lock.js';
