import { InvalidTableDefinitionError } from '../errors.js';

/** What {@link sortTables} orders: a table definition, or any table that names its references. */
export interface ReferencingTable {
  readonly name: string;
  readonly foreignKeys: readonly { readonly referencedTable: string }[];
}

/** What {@link sortTables} does with tables whose foreign keys form a cycle. */
export interface SortTablesOptions {
  /** `'throw'` (the default): InvalidTableDefinitionError; `'last'`: put them last, by name. */
  readonly cycles?: 'throw' | 'last';
}

/**
 * Orders tables so that every table comes after the tables its foreign keys reference, by name
 * within each layer: SQLAlchemy's `MetaData.sorted_tables`, hence the order of `create_all`.
 * References to tables outside the list are ignored; a cycle throws unless `cycles: 'last'`.
 *
 * @example sortTables(Object.values(tables)).map((t) => t.name) // ['node', …, 'packet_seen']
 */
export function sortTables<T extends ReferencingTable>(
  tables: readonly T[],
  { cycles = 'throw' }: SortTablesOptions = {},
): T[] {
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
      if (cycles === 'last') return [...sorted, ...pending];
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
