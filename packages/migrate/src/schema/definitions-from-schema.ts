import {
  column,
  renderLogicalType,
  type ColumnDefinition,
  type ForeignKeyAction,
  type ForeignKeyDefinition,
  type IndexDefinition,
  type LogicalType,
  type ServerDefault,
} from '@meshview/schema';
import { normaliseType } from './normalise.js';
import type { SchemaColumn, SchemaForeignKey, SchemaIndex, SchemaTable } from './schema-model.js';

// Every logical type the table DSL offers, as its column builders make them (a string without a
// length).
const LOGICAL_TYPES: readonly LogicalType[] = Object.values(column).map((make) => make().spec.type);

/**
 * The model type of a canonical type, or undefined when the models have no such type: the one
 * whose rendering normalises to it (the same on both databases).
 */
export function logicalTypeOf(type: string): LogicalType | undefined {
  const varchar = /^varchar\((\d+)\)$/.exec(type);
  if (varchar) return { kind: 'string', length: Number(varchar[1]) };
  return LOGICAL_TYPES.find(
    (t) => normaliseType(renderLogicalType(t, 'postgres'), 'postgres') === type,
  );
}

/** A model default for a canonical default: a literal where it is one, SQL otherwise. */
export function serverDefaultOf(value: string | null): ServerDefault | null {
  if (value === null) return null;
  const quoted = /^'((?:[^']|'')*)'$/.exec(value);
  if (quoted) return { kind: 'literal', value: quoted[1]!.replaceAll("''", "'") };
  if (value === 'true' || value === 'false') return { kind: 'literal', value: value === 'true' };
  if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value) && String(Number(value)) === value) {
    return { kind: 'literal', value: Number(value) };
  }
  const sql = value === 'current_timestamp' ? 'CURRENT_TIMESTAMP' : value;
  return { kind: 'sql', sqlite: sql, postgres: sql };
}

/** A column definition (`@meshview/schema`'s plain data) for a column of `table`. */
export function columnDefinitionOf(
  column: SchemaColumn,
  table: SchemaTable | undefined,
): ColumnDefinition | undefined {
  const type = logicalTypeOf(column.type);
  if (!type) return undefined;
  const primaryKey = table?.primaryKey.includes(column.name) ?? false;
  return {
    name: column.name,
    type,
    nullable: column.nullable,
    primaryKey,
    autoincrement: column.autoincrement && primaryKey && table?.primaryKey.length === 1,
    unique:
      table?.uniques.some((u) => u.columns.length === 1 && u.columns[0] === column.name) ?? false,
    serverDefault: serverDefaultOf(column.default),
  };
}

/** An index definition, with the predicate of a partial index. */
export function indexDefinitionOf(index: SchemaIndex): IndexDefinition {
  return {
    name: index.name,
    columns: index.columns.map((c) => ({ name: c.name, descending: c.descending })),
    unique: index.unique,
    ...(index.where === null ? {} : { where: index.where }),
  };
}

/** A foreign key definition; `NO ACTION` is the default and left out. */
export function foreignKeyDefinitionOf(fk: SchemaForeignKey): ForeignKeyDefinition {
  return {
    name: fk.name,
    columns: [...fk.columns],
    referencedTable: fk.referencedTable,
    referencedColumns: [...fk.referencedColumns],
    onDelete: fk.onDelete === 'NO ACTION' ? null : (fk.onDelete as ForeignKeyAction),
  };
}
