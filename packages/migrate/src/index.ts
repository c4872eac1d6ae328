export { describeFlag, type DatabaseStatus, type SchemaState } from './database-status.js';
export { MigrateError, RevisionFailedError, type MigrateErrorCode } from './errors.js';
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
export {
  compareSchema,
  ENGINE_TABLE_NAMES,
  introspectSchema,
  type CompareSchemaProps,
} from './schema/compare-schema.js';
export { diffSchemas } from './schema/diff-schemas.js';
export { destructiveReason } from './schema/destructive-change.js';
export type {
  ModelColumn,
  ModelForeignKey,
  ModelIndex,
  ModelServerDefault,
  ModelTable,
  ModelType,
} from './schema/model-table.js';
export { normaliseDefault, normaliseExpression, normaliseType } from './schema/normalise.js';
export { describeChange, invertChange, type SchemaChange } from './schema/schema-change.js';
export { schemaFromModels } from './schema/schema-from-models.js';
export type {
  DatabaseSchema,
  SchemaColumn,
  SchemaForeignKey,
  SchemaIndex,
  SchemaIndexColumn,
  SchemaTable,
  SchemaUnique,
} from './schema/schema-model.js';
