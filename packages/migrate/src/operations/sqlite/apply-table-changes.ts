import {
  quoteIdentifier,
  renderCreateIndex,
  renderForeignKey,
  renderLogicalType,
} from '@meshview/schema';
import { MigrateError } from '../../errors.js';
import { renderCheck, renderColumn, renderDefault, renderUnique } from '../render-ddl.js';
import { describeConstraint, type TableChange } from '../table-change.js';
import type { AlterColumnChanges, ConstraintRef } from '../types.js';
import { indexColumns, parseCreateTable } from './parse-create-table.js';
import { identifierOf, sameName, tokenize } from './sql-tokens.js';
import type {
  SqliteColumn,
  SqliteColumnConstraint,
  SqliteTable,
  SqliteTableConstraint,
} from './sqlite-table.js';

/** One column of the rebuilt table and what fills it from the old one (undefined: its default). */
export interface ColumnCopy {
  readonly column: string;
  readonly expression: string | undefined;
  /** Generated columns are computed, never copied. */
  readonly generated: boolean;
}

/** The rebuilt table, and how its rows come from the old one. */
export interface RebuildPlan {
  readonly table: SqliteTable;
  readonly copy: readonly ColumnCopy[];
}

interface Working {
  column: SqliteColumn;
  /** The old column it is copied from, and the select expression. */
  expression: string | undefined;
}

/**
 * Applies changes to a table's parts, pure: what the rebuilt table looks like and how its rows
 * are copied. Everything not changed keeps its text. Dropping a column drops the indexes and
 * constraints that use it (as PostgreSQL does); a change naming a column or constraint that is
 * not there throws MIGRATE_OPERATION_INVALID naming the table. Renames are not handled here:
 * SQLite's own `RENAME COLUMN` does them before the rebuild.
 */
export function applyTableChanges(
  before: SqliteTable,
  changes: readonly TableChange[],
): RebuildPlan {
  const fail = (problem: string): never => {
    throw new MigrateError('MIGRATE_OPERATION_INVALID', `table ${before.name}: ${problem}`);
  };
  let columns: Working[] = before.columns.map((column) => ({
    column,
    expression: column.constraints.some((c) => c.kind === 'generated')
      ? undefined
      : quoteIdentifier(column.name, 'sqlite'),
  }));
  let constraints = [...before.constraints];
  let indexes = [...before.indexes];
  const find = (name: string): Working =>
    columns.find((w) => sameName(w.column.name, name)) ??
    fail(`has no column "${name}" (it has ${columns.map((w) => w.column.name).join(', ')})`);
  const requireColumns = (names: readonly string[], what: string): void => {
    if (names.length === 0) fail(`${what} names no columns`);
    for (const name of names) find(name);
  };
  const hasPrimaryKey = (): boolean =>
    constraints.some((c) => c.kind === 'primaryKey') ||
    columns.some((w) => w.column.constraints.some((c) => c.kind === 'primaryKey'));
  const addConstraint = (text: string): void => {
    const parsed = parseCreateTable(`CREATE TABLE t (x, ${text})`).constraints[0]!;
    if (parsed.name !== null && namedConstraintExists(columns, constraints, parsed.name)) {
      fail(`already has a constraint named "${parsed.name}"`);
    }
    constraints.push(parsed);
  };

  for (const change of changes) {
    switch (change.kind) {
      case 'addColumn': {
        const def = change.column;
        if (columns.some((w) => sameName(w.column.name, def.name))) {
          fail(`already has a column "${def.name}"`);
        }
        const parsed = parseCreateTable(`CREATE TABLE t (${renderColumn(def, 'sqlite')})`);
        columns.push({ column: parsed.columns[0]!, expression: undefined });
        if (def.primaryKey) {
          if (hasPrimaryKey())
            fail(`cannot add primary key column "${def.name}": it has a primary key`);
          addConstraint(`PRIMARY KEY (${quoteIdentifier(def.name, 'sqlite')})`);
        }
        if (def.unique) addConstraint(renderUnique({ name: null, columns: [def.name] }, 'sqlite'));
        break;
      }
      case 'dropColumn': {
        const gone = find(change.name).column.name.toLowerCase();
        if (columns.length === 1) fail(`cannot drop "${change.name}", its only column`);
        columns = columns.filter((w) => w.column.name.toLowerCase() !== gone);
        for (const w of columns) {
          const kept = w.column.constraints.filter(
            (c) => c.kind !== 'check' || !c.identifiers.includes(gone),
          );
          if (kept.length !== w.column.constraints.length) {
            w.column = { ...w.column, constraints: kept, text: undefined };
          }
        }
        constraints = constraints.filter(
          (c) =>
            !c.columns.some((n) => n.toLowerCase() === gone) &&
            !(c.kind === 'check' && c.identifiers.includes(gone)),
        );
        indexes = indexes.filter((index) => !index.columns.includes(gone));
        break;
      }
      case 'alterColumn': {
        const w = find(change.name);
        w.column = alterColumn(w.column, change.changes);
        if (change.changes.using !== undefined) w.expression = change.changes.using;
        break;
      }
      case 'addUnique':
        requireColumns(change.constraint.columns, 'the UNIQUE constraint');
        addConstraint(renderUnique(change.constraint, 'sqlite'));
        break;
      case 'addForeignKey':
        requireColumns(change.foreignKey.columns, 'the foreign key');
        if (change.foreignKey.columns.length !== change.foreignKey.referencedColumns.length) {
          fail('a foreign key and its referenced columns differ in number');
        }
        addConstraint(renderForeignKey(change.foreignKey, 'sqlite'));
        break;
      case 'addCheck':
        addConstraint(renderCheck(change.constraint, 'sqlite'));
        break;
      case 'dropConstraint': {
        const result = dropConstraint(columns, constraints, change.constraint);
        if (result === undefined) {
          fail(
            `has no ${describeConstraint(change.constraint)}${listConstraints(columns, constraints)}`,
          );
        }
        constraints = result!;
        break;
      }
      case 'createIndex': {
        if (indexes.some((index) => sameName(index.name, change.index.name))) {
          fail(`already has an index "${change.index.name}"`);
        }
        requireColumns(
          change.index.columns.map((c) => c.name),
          `index "${change.index.name}"`,
        );
        const sql = renderCreateIndex(before.name, change.index, 'sqlite');
        // As read back from a live table: with the columns a partial index's WHERE uses.
        indexes.push({ name: change.index.name, sql, columns: indexColumns(sql) });
        break;
      }
      case 'dropIndex': {
        const left = indexes.filter((index) => !sameName(index.name, change.name));
        if (left.length === indexes.length) fail(`has no index "${change.name}"`);
        indexes = left;
        break;
      }
      case 'renameColumn':
        fail('renames are applied by RENAME COLUMN before a rebuild, not inside it');
    }
  }
  return {
    table: { ...before, columns: columns.map((w) => w.column), constraints, indexes },
    copy: columns.map((w) => ({
      column: w.column.name,
      expression: w.expression,
      generated: w.column.constraints.some((c) => c.kind === 'generated'),
    })),
  };
}

function alterColumn(column: SqliteColumn, changes: AlterColumnChanges): SqliteColumn {
  let constraints: SqliteColumnConstraint[] = [...column.constraints];
  const type = changes.type === undefined ? column.type : renderLogicalType(changes.type, 'sqlite');
  if (changes.serverDefault !== undefined) {
    constraints = constraints.filter((c) => c.kind !== 'default');
    if (changes.serverDefault !== null) {
      // SQLAlchemy's order: DEFAULT right after the type.
      const text = `DEFAULT ${renderDefault(changes.serverDefault, 'sqlite')}`;
      constraints.unshift({ kind: 'default', name: null, text, identifiers: [] });
    }
  }
  if (changes.nullable !== undefined) {
    constraints = constraints.filter((c) => c.kind !== 'notNull' && c.kind !== 'null');
    if (!changes.nullable) {
      const at = constraints.findIndex((c) => c.kind !== 'default');
      const notNull: SqliteColumnConstraint = {
        kind: 'notNull',
        name: null,
        text: 'NOT NULL',
        identifiers: ['null'],
      };
      if (at === -1) constraints.push(notNull);
      else constraints.splice(at, 0, notNull);
    }
  }
  return { ...column, type, constraints, text: undefined };
}

function namedConstraintExists(
  columns: readonly Working[],
  constraints: readonly SqliteTableConstraint[],
  name: string,
): boolean {
  return (
    constraints.some((c) => c.name !== null && sameName(c.name, name)) ||
    columns.some((w) => w.column.constraints.some((c) => c.name !== null && sameName(c.name, name)))
  );
}

const normalise = (sql: string): string =>
  tokenize(sql)
    .map((t) =>
      t.kind === 'word' || t.kind === 'quoted' ? identifierOf(t)!.toLowerCase() : t.text,
    )
    .join(' ');

const sameColumns = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((n, i) => sameName(n, b[i]!));

/** The checks's expression of a column constraint `[CONSTRAINT n] CHECK (expr)`. */
const checkExpression = (text: string): string =>
  text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));

/**
 * The table constraints left after dropping `ref` (a column constraint is removed from its
 * column in place); undefined when nothing matched.
 */
function dropConstraint(
  columns: Working[],
  constraints: readonly SqliteTableConstraint[],
  ref: ConstraintRef,
): SqliteTableConstraint[] | undefined {
  const tableMatch = (c: SqliteTableConstraint): boolean => {
    if (typeof ref === 'string') return c.name !== null && sameName(c.name, ref);
    if (ref.kind === 'check') {
      return c.kind === 'check' && normalise(c.expression ?? '') === normalise(ref.expression);
    }
    return c.kind === ref.kind && sameColumns(c.columns, ref.columns);
  };
  const columnMatch = (w: Working, c: SqliteColumnConstraint): boolean => {
    if (typeof ref === 'string') return c.name !== null && sameName(c.name, ref);
    if (ref.kind === 'check') {
      return c.kind === 'check' && normalise(checkExpression(c.text)) === normalise(ref.expression);
    }
    const kind = ref.kind === 'unique' ? 'unique' : 'references';
    return c.kind === kind && sameColumns([w.column.name], ref.columns);
  };
  const left = constraints.filter((c) => !tableMatch(c));
  let found = left.length !== constraints.length;
  for (const w of columns) {
    const kept = w.column.constraints.filter((c) => !columnMatch(w, c));
    if (kept.length !== w.column.constraints.length) {
      found = true;
      w.column = { ...w.column, constraints: kept, text: undefined };
    }
  }
  return found ? left : undefined;
}

function listConstraints(
  columns: readonly Working[],
  constraints: readonly SqliteTableConstraint[],
): string {
  const all = [
    ...constraints.map((c) => c.text),
    ...columns.flatMap((w) =>
      w.column.constraints
        .filter((c) => ['unique', 'references', 'check'].includes(c.kind))
        .map((c) => `${w.column.name}: ${c.text}`),
    ),
  ];
  return all.length === 0 ? ' (it has no constraints)' : ` (it has: ${all.join('; ')})`;
}
