import { InvalidTableDefinitionError } from '../errors.js';
import type { TableDefinition } from './table-definition.js';

/**
 * Orders tables so that every table comes after the tables its foreign keys reference, by name
 * within each layer: SQLAlchemy's `MetaData.sorted_tables`, hence the order of `create_all`.
 * References to tables outside the list are ignored; a cycle throws.
 */
export function sortTables<T extends TableDefinition>(tables: readonly T[]): T[] {
  const byName = [...tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = new Set(byName.map((t) => t.name));
  const sorted: T[] = [];
  const placed = new Set<string>();
  let pending = byName;
  while (pending.length > 0) {
    const layer = pending.filter((table) =>
      table.foreignKeys.every(
        (fk) =>
          fk.referencedTable === table.name ||
          !names.has(fk.referencedTable) ||
          placed.has(fk.referencedTable),
      ),
    );
    if (layer.length === 0) {
      const cycle = pending.map((t) => t.name).join(', ');
      throw new InvalidTableDefinitionError(cycle, 'their foreign keys form a cycle');
    }
    for (const table of layer) {
      sorted.push(table);
      placed.add(table.name);
    }
    pending = pending.filter((table) => !placed.has(table.name));
  }
  return sorted;
}
