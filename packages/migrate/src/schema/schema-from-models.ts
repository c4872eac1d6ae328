import {
  renderColumnType,
  renderServerDefault,
  type ColumnDefinition,
  type DialectName,
  type TableDefinition,
} from '@meshview/schema';
import { normaliseDefault, normaliseType } from './normalise.js';
import type { DatabaseSchema, SchemaColumn, SchemaTable } from './schema-model.js';

/**
 * What the models say the database should hold on `dialect`, in the normalised form that
 * introspection produces. Types and defaults are read from what `@meshview/schema` renders for
 * the dialect, so what is compared is what `CREATE TABLE` would have made.
 */
export function schemaFromModels(
  models: readonly TableDefinition[],
  dialect: DialectName,
): DatabaseSchema {
  const tables = models.map((model) => tableFromModel(model, dialect));
  return { tables: [...tables].sort((a, b) => compareNames(a.name, b.name)) };
}

function tableFromModel(model: TableDefinition, dialect: DialectName): SchemaTable {
  const soleIntegerKey =
    model.primaryKey.length === 1 &&
    model.columns.find((c) => c.name === model.primaryKey[0])?.type.kind === 'integer';
  return {
    name: model.name,
    columns: model.columns.map((column) =>
      columnFromModel(column, dialect, soleIntegerKey && column.primaryKey),
    ),
    primaryKey: [...model.primaryKey],
    indexes: model.indexes
      .map((index) => ({
        name: index.name,
        columns: index.columns.map((c) => ({ name: c.name, descending: c.descending })),
        unique: index.unique,
        where: index.where ?? null,
      }))
      .sort((a, b) => compareNames(a.name, b.name)),
    uniques: model.columns.filter((c) => c.unique).map((c) => ({ name: null, columns: [c.name] })),
    foreignKeys: model.foreignKeys.map((fk) => ({
      name: fk.name,
      columns: [...fk.columns],
      referencedTable: fk.referencedTable,
      referencedColumns: [...fk.referencedColumns],
      onDelete: fk.onDelete ?? 'NO ACTION',
    })),
  };
}

function columnFromModel(
  column: ColumnDefinition,
  dialect: DialectName,
  rowidAlias: boolean,
): SchemaColumn {
  const type = normaliseType(renderColumnType(column, dialect), dialect);
  return {
    name: column.name,
    type,
    // SQLite's `INTEGER PRIMARY KEY` is the rowid: it numbers rows whether or not the model says
    // autoincrement, and is never NULL.
    nullable: rowidAlias && dialect === 'sqlite' ? false : column.nullable,
    default:
      column.serverDefault === null
        ? null
        : normaliseDefault(renderServerDefault(column.serverDefault, dialect), type),
    autoincrement: dialect === 'sqlite' ? rowidAlias : column.autoincrement,
  };
}

/** Code-point order, the same in every locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
