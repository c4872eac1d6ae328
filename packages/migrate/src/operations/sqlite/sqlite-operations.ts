import { quoteIdentifier, renderCreateIndex, type ColumnDefinition } from '@meshview/schema';
import { MigrateError } from '../../errors.js';
import type { AlterOptions, DialectOperations } from '../dialect-operations.js';
import type { OpExecutor } from '../op-executor.js';
import { isConstantDefault, renderColumn, renderCreateStatements } from '../render-ddl.js';
import type { TableChange } from '../table-change.js';
import { applyTableChanges } from './apply-table-changes.js';
import { sqliteTableFromSnapshot } from './from-snapshot.js';
import { renameColumnInTable } from './offline-catalog.js';
import { readSqliteTable } from './read-sqlite-table.js';
import { rebuildSqliteTable } from './rebuild-sqlite-table.js';
import { sameName } from './sql-tokens.js';
import type { SqliteTable } from './sqlite-table.js';

/**
 * SQLite: `ALTER TABLE` where SQLite can do the change in place (add a plain column, rename a
 * column or table), a safe rebuild for everything else (see `rebuildSqliteTable`).
 */
export function sqliteOperations(exec: OpExecutor): DialectOperations {
  const run = async (statements: readonly string[]): Promise<void> => {
    for (const statement of statements) await exec.execute(statement);
  };
  const qi = (name: string): string => quoteIdentifier(name, 'sqlite');

  /** The table as it is now: read live, or offline from `copyFrom` or this run's statements. */
  async function describe(
    table: string,
    options: AlterOptions,
    renames: readonly { from: string; to: string }[],
  ): Promise<SqliteTable> {
    if (!exec.offline) {
      const live = await readSqliteTable(exec, table);
      if (live) return live;
      throw new MigrateError(
        'MIGRATE_OPERATION_INVALID',
        `${options.what}: there is no table ${table}`,
      );
    }
    if (options.copyFrom !== undefined) {
      if (!sameName(options.copyFrom.name, table)) {
        throw new MigrateError(
          'MIGRATE_OPERATION_INVALID',
          `${options.what}: copyFrom describes table ${options.copyFrom.name}, not ${table}`,
        );
      }
      let given = sqliteTableFromSnapshot(options.copyFrom);
      for (const r of renames) given = renameColumnInTable(given, r.from, r.to);
      return given;
    }
    const known = exec.catalog.get(table.toLowerCase());
    if (known) return known;
    throw new MigrateError(
      'MIGRATE_OFFLINE_UNSUPPORTED',
      `offline SQL: ${options.what} rebuilds SQLite table ${table}, and there is no database to ` +
        'read its definition from; pass { copyFrom: <the table as it is at this revision> } to ' +
        'the operation (generated scripts embed it), or run without --sql',
    );
  }

  return {
    async createTable(table) {
      await run(renderCreateStatements(table, 'sqlite'));
    },

    async dropTable(name, { force = false }) {
      const children = await referencingTables(exec, name);
      if (children.length > 0) {
        if (!force) {
          throw new MigrateError(
            'MIGRATE_OPERATION_INVALID',
            `cannot drop table ${name}: foreign keys of ${children.join(', ')} reference it ` +
              '(drop or change those first, or pass { force: true } to leave their rows as they are)',
          );
        }
        // With foreign keys on, DROP TABLE deletes the rows first and runs ON DELETE actions.
        exec.requireForeignKeysOff(name, 'dropping a referenced table');
      }
      await exec.execute(`DROP TABLE ${qi(name)}`);
    },

    async renameTable(from, to) {
      await exec.execute(`ALTER TABLE ${qi(from)} RENAME TO ${qi(to)}`);
    },

    async dropIndex(name) {
      await exec.execute(`DROP INDEX ${qi(name)}`);
    },

    async alterTable(table, changes, options) {
      const renames = changes.flatMap((c) => (c.kind === 'renameColumn' ? [c] : []));
      const rest = changes.filter((c) => c.kind !== 'renameColumn');
      const inPlace = !options.rebuild && rest.every(canApplyInPlace);
      if (!inPlace) exec.requireForeignKeysOff(table, options.what);
      for (const r of renames) {
        await exec.execute(`ALTER TABLE ${qi(table)} RENAME COLUMN ${qi(r.from)} TO ${qi(r.to)}`);
      }
      if (inPlace) {
        await run(rest.map((change) => inPlaceStatement(table, change)));
        return;
      }
      const before = await describe(table, options, renames);
      await rebuildSqliteTable(exec, before, applyTableChanges(before, rest));
    },
  };
}

/** Whether SQLite's ALTER TABLE can make the change without a rebuild. */
function canApplyInPlace(change: TableChange): boolean {
  if (change.kind === 'createIndex' || change.kind === 'dropIndex') return true;
  return change.kind === 'addColumn' && canAddInPlace(change.column);
}

/**
 * SQLite's ADD COLUMN rules: no PRIMARY KEY or UNIQUE, a NOT NULL column needs a non-null
 * default, and the default must be a constant (not CURRENT_… nor an expression in parentheses).
 */
function canAddInPlace(column: ColumnDefinition): boolean {
  if (column.primaryKey || column.unique || column.autoincrement) return false;
  const value = column.serverDefault;
  if (value === null) return column.nullable;
  if (!isConstantDefault(value)) return false;
  return column.nullable || !(value.kind === 'sql' && /^null$/i.test(value.sqlite.trim()));
}

function inPlaceStatement(table: string, change: TableChange): string {
  switch (change.kind) {
    case 'addColumn':
      return `ALTER TABLE ${quoteIdentifier(table, 'sqlite')} ADD COLUMN ${renderColumn(change.column, 'sqlite')}`;
    case 'createIndex':
      return renderCreateIndex(table, change.index, 'sqlite');
    case 'dropIndex':
      return `DROP INDEX ${quoteIdentifier(change.name, 'sqlite')}`;
    default:
      throw new MigrateError('MIGRATE_OPERATION_INVALID', `${change.kind} needs a rebuild`);
  }
}

/** Other tables whose foreign keys reference `table` (live, or from the offline catalog). */
async function referencingTables(exec: OpExecutor, table: string): Promise<string[]> {
  if (exec.offline) {
    return [...exec.catalog.values()]
      .filter((t) => !sameName(t.name, table))
      .filter(
        (t) =>
          t.constraints.some(
            (c) => c.referencedTable !== undefined && sameName(c.referencedTable, table),
          ) ||
          t.columns.some((c) =>
            c.constraints.some(
              (k) => k.kind === 'references' && sameName(k.identifiers[0] ?? '', table),
            ),
          ),
      )
      .map((t) => t.name);
  }
  const rows = await exec.query<{ child: string }>(
    `SELECT DISTINCT m.name AS child FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
     WHERE m.type = 'table' AND lower(f."table") = lower(?) AND lower(m.name) <> lower(?)
     ORDER BY m.name`,
    [table, table],
  );
  return rows.map((r) => r.child);
}
