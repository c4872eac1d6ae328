export { describeFlag, type DatabaseStatus, type SchemaState } from './database-status.js';
export {
  ForeignKeyViolationError,
  MigrateError,
  RevisionFailedError,
  type MigrateErrorCode,
} from './errors.js';
export { silentLogger, type LogFn, type MigrationLogger } from './migration-logger.js';
export type { DialectName, MigrationContext, MigrationScript } from './migration-script.js';
export {
  Migrator,
  type BeforeMigrate,
  type MigrationRun,
  type MigrationStep,
  type MigratorProps,
  type RunOptions,
} from './migrator.js';
export type { Revision } from './revision.js';
export type {
  AlterColumnChanges,
  BatchOperations,
  CheckConstraintDefinition,
  ConstraintRef,
  DropTableOptions,
  Operations,
  RebuildOptions,
  TableSnapshot,
  UniqueConstraintDefinition,
} from './operations/types.js';
export type {
  ColumnDefinition,
  ForeignKeyAction,
  ForeignKeyDefinition,
  IndexColumn,
  IndexDefinition,
  LogicalType,
  ServerDefault,
  TableDefinition,
} from '@meshview/db';
export { renderOfflineSql, type OfflineSqlOptions } from './offline/render-offline-sql.js';
export { RevisionGraph, type RetiredRevisions } from './revision-graph.js';
export {
  currentRevisions,
  headRevisions,
  isDatabaseUpToDate,
  runMigrations,
} from './run-migrations.js';
export {
  createRevisionScript,
  newRevisionId,
  renderRevisionScript,
  revisionFileName,
  type NewRevision,
} from './revision-template.js';
export { loadRevisions, type ScriptLocation } from './script-directory.js';
export type { MigrationFlag } from './status-table.js';
export { waitForMigrations, type StatusSource, type WaitOptions } from './wait-for-migrations.js';
