import { sortTables } from '@meshview/schema';
import { normaliseExpression } from './normalise.js';
import { columnDifferences, type SchemaChange } from './schema-change.js';
import type {
  DatabaseSchema,
  SchemaForeignKey,
  SchemaIndex,
  SchemaTable,
  SchemaUnique,
} from './schema-model.js';

/**
 * The steps that turn `current` (a database) into `target` (the models), in an order that runs:
 * new tables first (referenced before referencing), then each kept table's changes (foreign keys,
 * indexes and unique constraints dropped before columns change, added after), then dropped tables
 * (referencing before referenced). Pure; both sides must be normalised. Renames are not guessed:
 * a renamed table or column is a drop and an add.
 */
export function diffSchemas(current: DatabaseSchema, target: DatabaseSchema): SchemaChange[] {
  const have = new Map(current.tables.map((t) => [t.name, t]));
  const want = new Map(target.tables.map((t) => [t.name, t]));
  const added = target.tables.filter((t) => !have.has(t.name));
  const dropped = current.tables.filter((t) => !want.has(t.name));
  // Tables in a foreign-key cycle come last: their foreign keys then need a step by hand.
  const changes: SchemaChange[] = sortTables(added, { cycles: 'last' }).map((table) => ({
    kind: 'addTable',
    table,
  }));
  for (const table of target.tables) {
    const before = have.get(table.name);
    if (before) changes.push(...diffTable(before, table));
  }
  for (const table of sortTables(dropped, { cycles: 'last' }).reverse())
    changes.push({ kind: 'dropTable', table });
  return changes;
}

function diffTable(before: SchemaTable, after: SchemaTable): SchemaChange[] {
  const table = after.name;
  const drops: SchemaChange[] = [];
  const middle: SchemaChange[] = [];
  const adds: SchemaChange[] = [];

  const fkKey = (fk: SchemaForeignKey): string =>
    `${fk.columns.join(',')}>${fk.referencedTable}(${fk.referencedColumns.join(',')})/${fk.onDelete}`;
  const uniqueKey = (u: SchemaUnique): string => u.columns.join(',');
  const [fkGone, fkNew] = byKey(before.foreignKeys, after.foreignKeys, fkKey);
  const [uniqueGone, uniqueNew] = byKey(before.uniques, after.uniques, uniqueKey);
  const oldIndexes = new Map(before.indexes.map((i) => [i.name, i]));
  const newIndexes = new Map(after.indexes.map((i) => [i.name, i]));
  const indexGone = before.indexes.filter((i) => !sameIndex(i, newIndexes.get(i.name)));
  const indexNew = after.indexes.filter((i) => !sameIndex(i, oldIndexes.get(i.name)));

  for (const foreignKey of fkGone) drops.push({ kind: 'dropForeignKey', table, foreignKey });
  for (const index of indexGone) drops.push({ kind: 'dropIndex', table, index });
  for (const unique of uniqueGone) drops.push({ kind: 'dropUnique', table, unique });

  const oldColumns = new Map(before.columns.map((c) => [c.name, c]));
  const newNames = new Set(after.columns.map((c) => c.name));
  for (const column of after.columns) {
    const old = oldColumns.get(column.name);
    if (!old) middle.push({ kind: 'addColumn', table, column });
    else if (columnDifferences(old, column).length > 0) {
      middle.push({ kind: 'alterColumn', table, from: old, to: column });
    }
  }
  for (const column of before.columns) {
    if (!newNames.has(column.name)) middle.push({ kind: 'dropColumn', table, column });
  }

  for (const unique of uniqueNew) adds.push({ kind: 'addUnique', table, unique });
  for (const index of indexNew) adds.push({ kind: 'addIndex', table, index });
  for (const foreignKey of fkNew) adds.push({ kind: 'addForeignKey', table, foreignKey });
  // Last, so that the table is then exactly as the models say (a SQLite rebuild writes it whole).
  if (before.primaryKey.join(',') !== after.primaryKey.join(',')) {
    adds.push({ kind: 'alterPrimaryKey', table, from: before.primaryKey, to: after.primaryKey });
  }
  return [...drops, ...middle, ...adds];
}

function sameIndex(a: SchemaIndex, b: SchemaIndex | undefined): boolean {
  if (!b) return false;
  const columns = (i: SchemaIndex) =>
    i.columns.map((c) => `${c.name}${c.descending ? ' desc' : ''}`).join(',');
  const where = (i: SchemaIndex) => (i.where === null ? null : normaliseExpression(i.where));
  return a.unique === b.unique && where(a) === where(b) && columns(a) === columns(b);
}

/** Items only in `before` and items only in `after`, matched by key. */
function byKey<T>(before: readonly T[], after: readonly T[], key: (item: T) => string): [T[], T[]] {
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  return [
    before.filter((i) => !afterKeys.has(key(i))),
    after.filter((i) => !beforeKeys.has(key(i))),
  ];
}
