import { MigrateError } from '../errors.js';
import type { AlterOptions, DialectOperations } from './dialect-operations.js';
import type { OpExecutor } from './op-executor.js';
import { postgresOperations } from './postgres/postgres-operations.js';
import { sqliteOperations } from './sqlite/sqlite-operations.js';
import type { TableChange } from './table-change.js';
import type { BatchOperations, Operations, RebuildOptions } from './types.js';

/**
 * The operations a script gets as `ctx.op`, carried out through `exec` (the revision's
 * transaction, or the offline SQL being written) in the executor's dialect.
 *
 * @example const op = createOperations(executor); await op.dropColumn('node', 'firmware');
 */
export function createOperations(exec: OpExecutor): Operations {
  const dialect: DialectOperations =
    exec.dialect === 'sqlite' ? sqliteOperations(exec) : postgresOperations(exec);
  const alter = (
    what: string,
    table: string,
    changes: readonly TableChange[],
    options: RebuildOptions = {},
    extra: Partial<AlterOptions> = {},
  ): Promise<void> => {
    named(what, 'table', table);
    return dialect.alterTable(table, changes, { ...options, ...extra, what: `${what}(${table})` });
  };
  return {
    async createTable(table) {
      named('createTable', 'table', table?.name);
      await dialect.createTable(table);
    },
    async dropTable(name, options = {}) {
      named('dropTable', 'table', name);
      await dialect.dropTable(name, options);
    },
    async renameTable(from, to) {
      named('renameTable', 'table', from);
      named('renameTable', 'new name', to);
      await dialect.renameTable(from, to);
    },
    addColumn: (table, column, options) =>
      alter('addColumn', table, [{ kind: 'addColumn', column }], options),
    dropColumn: (table, name, options) =>
      alter('dropColumn', table, [{ kind: 'dropColumn', name }], options),
    renameColumn: (table, from, to) =>
      alter('renameColumn', table, [{ kind: 'renameColumn', from, to }]),
    alterColumn: (table, name, changes, options) =>
      alter('alterColumn', table, [{ kind: 'alterColumn', name, changes }], options),
    createIndex: (table, index) => alter('createIndex', table, [{ kind: 'createIndex', index }]),
    async dropIndex(name) {
      named('dropIndex', 'index', name);
      await dialect.dropIndex(name);
    },
    addUniqueConstraint: (table, constraint, options) =>
      alter('addUniqueConstraint', table, [{ kind: 'addUnique', constraint }], options),
    addForeignKey: (table, foreignKey, options) =>
      alter('addForeignKey', table, [{ kind: 'addForeignKey', foreignKey }], options),
    addCheckConstraint: (table, constraint, options) =>
      alter('addCheckConstraint', table, [{ kind: 'addCheck', constraint }], options),
    dropConstraint: (table, constraint, options) =>
      alter('dropConstraint', table, [{ kind: 'dropConstraint', constraint }], options),
    async batchAlterTable(table, build, options) {
      const changes: TableChange[] = [];
      build(recorder(changes));
      if (changes.length > 0) await alter('batchAlterTable', table, changes, options);
    },
    rebuildTable: (table, options) => alter('rebuildTable', table, [], options, { rebuild: true }),
  };
}

function recorder(changes: TableChange[]): BatchOperations {
  return {
    addColumn: (column) => changes.push({ kind: 'addColumn', column }),
    dropColumn: (name) => changes.push({ kind: 'dropColumn', name }),
    renameColumn: (from, to) => changes.push({ kind: 'renameColumn', from, to }),
    alterColumn: (name, c) => changes.push({ kind: 'alterColumn', name, changes: c }),
    addUniqueConstraint: (constraint) => changes.push({ kind: 'addUnique', constraint }),
    addForeignKey: (foreignKey) => changes.push({ kind: 'addForeignKey', foreignKey }),
    addCheckConstraint: (constraint) => changes.push({ kind: 'addCheck', constraint }),
    dropConstraint: (constraint) => changes.push({ kind: 'dropConstraint', constraint }),
    createIndex: (index) => changes.push({ kind: 'createIndex', index }),
    dropIndex: (name) => changes.push({ kind: 'dropIndex', name }),
  };
}

function named(operation: string, what: string, value: unknown): void {
  if (typeof value !== 'string' || value === '') {
    throw new MigrateError(
      'MIGRATE_OPERATION_INVALID',
      `ctx.op.${operation}: the ${what} must be a non-empty string, got ${JSON.stringify(value)}`,
    );
  }
}
