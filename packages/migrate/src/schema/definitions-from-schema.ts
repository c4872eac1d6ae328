import type {
  ColumnDefinition,
  ForeignKeyAction,
  ForeignKeyDefinition,
  IndexDefinition,
  LogicalType,
  ServerDefault,
} from '@meshview/db';
import type { SchemaColumn, SchemaForeignKey, SchemaIndex, SchemaTable } from './schema-model.js';

/** The model type of a canonical type, or undefined when the models have no such type. */
export function logicalTypeOf(type: string): LogicalType | undefined {
  const varchar = /^varchar(?:\((\d+)\))?$/.exec(type);
  if (varchar)
    return { kind: 'string', length: varchar[1] === undefined ? null : Number(varchar[1]) };
  const kinds: Readonly<Record<string, LogicalType>> = {
    text: { kind: 'text' },
    integer: { kind: 'integer' },
    bigint: { kind: 'bigInteger' },
    float: { kind: 'float' },
    boolean: { kind: 'boolean' },
    binary: { kind: 'largeBinary' },
    date: { kind: 'date' },
    timestamp: { kind: 'dateTime' },
  };
  return kinds[type];
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

/** A column definition (packages/db's plain data) for a column of `table`. */
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

/** An index definition; a partial index's predicate is not part of it. */
export function indexDefinitionOf(index: SchemaIndex): IndexDefinition {
  return {
    name: index.name,
    columns: index.columns.map((c) => ({ name: c.name, descending: c.descending })),
    unique: index.unique,
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
