import type { Operations } from './types.js';

/** The operations a script gets as `ctx.op` (being written: each throws until it lands). */
export function createOperations(): Operations {
  const pending = (name: string) => async (): Promise<never> => {
    throw new Error(`ctx.op.${name} is not available yet`);
  };
  return {
    createTable: pending('createTable'),
    dropTable: pending('dropTable'),
    renameTable: pending('renameTable'),
    addColumn: pending('addColumn'),
    dropColumn: pending('dropColumn'),
    renameColumn: pending('renameColumn'),
    alterColumn: pending('alterColumn'),
    createIndex: pending('createIndex'),
    dropIndex: pending('dropIndex'),
    addUniqueConstraint: pending('addUniqueConstraint'),
    addForeignKey: pending('addForeignKey'),
    addCheckConstraint: pending('addCheckConstraint'),
    dropConstraint: pending('dropConstraint'),
    batchAlterTable: pending('batchAlterTable'),
    rebuildTable: pending('rebuildTable'),
  };
}
