import type { SchemaChange } from './schema-change.js';

/**
 * Notes for the top of a script where a table or a column is dropped and another added beside
 * it: renames are not guessed, so the person reviewing says which it is.
 */
export function renameNotes(changes: readonly SchemaChange[]): string[] {
  const notes: string[] = [];
  const dropTables = changes.filter((c) => c.kind === 'dropTable');
  const addTables = changes.filter((c) => c.kind === 'addTable');
  if (dropTables.length > 0 && addTables.length > 0) {
    notes.push(
      `// Renames are not guessed: if table ${dropTables[0]!.table.name} was renamed to ` +
        `${addTables[0]!.table.name}, replace its drop and add with ` +
        `ctx.op.renameTable('${dropTables[0]!.table.name}', '${addTables[0]!.table.name}'), ` +
        'which keeps its rows.',
    );
  }
  const tables = new Set(changes.flatMap((c) => (c.kind === 'dropColumn' ? [c.table] : [])));
  for (const table of tables) {
    const dropped = changes.find((c) => c.kind === 'dropColumn' && c.table === table);
    const added = changes.find((c) => c.kind === 'addColumn' && c.table === table);
    if (dropped?.kind !== 'dropColumn' || added?.kind !== 'addColumn') continue;
    notes.push(
      `// Renames are not guessed: if ${table}.${dropped.column.name} was renamed to ` +
        `${added.column.name}, replace its drop and add with ctx.op.renameColumn('${table}', ` +
        `'${dropped.column.name}', '${added.column.name}'), which keeps its values.`,
    );
  }
  return notes;
}
