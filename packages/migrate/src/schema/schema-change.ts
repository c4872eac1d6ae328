import type {
  SchemaColumn,
  SchemaForeignKey,
  SchemaIndex,
  SchemaTable,
  SchemaUnique,
} from './schema-model.js';

/**
 * One difference between the models and a database, as the step that removes it (what `upgrade`
 * does). Each carries what its inverse needs, so a script's `downgrade` is rendered from the same
 * list.
 */
export type SchemaChange =
  | { readonly kind: 'addTable'; readonly table: SchemaTable }
  | { readonly kind: 'dropTable'; readonly table: SchemaTable }
  | { readonly kind: 'addColumn'; readonly table: string; readonly column: SchemaColumn }
  | { readonly kind: 'dropColumn'; readonly table: string; readonly column: SchemaColumn }
  | {
      readonly kind: 'alterColumn';
      readonly table: string;
      readonly from: SchemaColumn;
      readonly to: SchemaColumn;
    }
  | {
      readonly kind: 'alterPrimaryKey';
      readonly table: string;
      readonly from: readonly string[];
      readonly to: readonly string[];
    }
  | { readonly kind: 'addIndex'; readonly table: string; readonly index: SchemaIndex }
  | { readonly kind: 'dropIndex'; readonly table: string; readonly index: SchemaIndex }
  | { readonly kind: 'addUnique'; readonly table: string; readonly unique: SchemaUnique }
  | { readonly kind: 'dropUnique'; readonly table: string; readonly unique: SchemaUnique }
  | {
      readonly kind: 'addForeignKey';
      readonly table: string;
      readonly foreignKey: SchemaForeignKey;
    }
  | {
      readonly kind: 'dropForeignKey';
      readonly table: string;
      readonly foreignKey: SchemaForeignKey;
    };

/** The step that undoes `change`. */
export function invertChange(change: SchemaChange): SchemaChange {
  switch (change.kind) {
    case 'addTable':
      return { kind: 'dropTable', table: change.table };
    case 'dropTable':
      return { kind: 'addTable', table: change.table };
    case 'addColumn':
      return { kind: 'dropColumn', table: change.table, column: change.column };
    case 'dropColumn':
      return { kind: 'addColumn', table: change.table, column: change.column };
    case 'alterColumn':
      return { kind: 'alterColumn', table: change.table, from: change.to, to: change.from };
    case 'alterPrimaryKey':
      return { kind: 'alterPrimaryKey', table: change.table, from: change.to, to: change.from };
    case 'addIndex':
      return { kind: 'dropIndex', table: change.table, index: change.index };
    case 'dropIndex':
      return { kind: 'addIndex', table: change.table, index: change.index };
    case 'addUnique':
      return { kind: 'dropUnique', table: change.table, unique: change.unique };
    case 'dropUnique':
      return { kind: 'addUnique', table: change.table, unique: change.unique };
    case 'addForeignKey':
      return { kind: 'dropForeignKey', table: change.table, foreignKey: change.foreignKey };
    case 'dropForeignKey':
      return { kind: 'addForeignKey', table: change.table, foreignKey: change.foreignKey };
  }
}

/** What about a column changes: type, nullability, default, autoincrement. */
export function columnDifferences(from: SchemaColumn, to: SchemaColumn): string[] {
  const out: string[] = [];
  if (from.type !== to.type) out.push(`type ${from.type} -> ${to.type}`);
  if (from.nullable !== to.nullable) out.push(to.nullable ? 'nullable' : 'not null');
  if (from.default !== to.default) {
    out.push(`default ${from.default ?? '(none)'} -> ${to.default ?? '(none)'}`);
  }
  if (from.autoincrement !== to.autoincrement) {
    out.push(to.autoincrement ? 'autoincrement' : 'no autoincrement');
  }
  return out;
}

const list = (names: readonly string[]): string => `(${names.join(', ')})`;

/**
 * One line saying what the change does, for `check` and for the script's comments.
 *
 * @example describeChange(change) // 'add column packet.rx_time (bigint, nullable)'
 */
export function describeChange(change: SchemaChange): string {
  switch (change.kind) {
    case 'addTable':
      return `add table ${change.table.name}`;
    case 'dropTable':
      return `drop table ${change.table.name}`;
    case 'addColumn':
      return `add column ${change.table}.${change.column.name} (${describeColumn(change.column)})`;
    case 'dropColumn':
      return `drop column ${change.table}.${change.column.name}`;
    case 'alterColumn':
      return `alter column ${change.table}.${change.to.name}: ${columnDifferences(change.from, change.to).join(', ')}`;
    case 'alterPrimaryKey':
      return `change the primary key of ${change.table} from ${list(change.from)} to ${list(change.to)}`;
    case 'addIndex':
      return `add index ${change.index.name} on ${change.table} ${describeIndex(change.index)}`;
    case 'dropIndex':
      return `drop index ${change.index.name} on ${change.table}`;
    case 'addUnique':
      return `add unique constraint on ${change.table} ${list(change.unique.columns)}`;
    case 'dropUnique':
      return `drop unique constraint on ${change.table} ${list(change.unique.columns)}`;
    case 'addForeignKey':
      return `add foreign key on ${change.table} ${describeForeignKey(change.foreignKey)}`;
    case 'dropForeignKey':
      return `drop foreign key on ${change.table} ${describeForeignKey(change.foreignKey)}`;
  }
}

function describeColumn(column: SchemaColumn): string {
  return [
    column.type,
    column.nullable ? 'nullable' : 'not null',
    ...(column.default === null ? [] : [`default ${column.default}`]),
    ...(column.autoincrement ? ['autoincrement'] : []),
  ].join(', ');
}

function describeIndex(index: SchemaIndex): string {
  const columns = index.columns.map((c) => `${c.name}${c.descending ? ' desc' : ''}`);
  return [
    list(columns),
    ...(index.unique ? ['unique'] : []),
    ...(index.where === null ? [] : [`where ${index.where}`]),
  ].join(' ');
}

function describeForeignKey(fk: SchemaForeignKey): string {
  const onDelete = fk.onDelete === 'NO ACTION' ? '' : ` on delete ${fk.onDelete.toLowerCase()}`;
  return `${list(fk.columns)} -> ${fk.referencedTable} ${list(fk.referencedColumns)}${onDelete}`;
}
