import type { Database } from '../database.js';
import { tables } from './tables.js';

/** A table's name. */
type TableName = keyof typeof tables;

/** A column's name in table `N`. */
type ColumnName<N extends TableName> = keyof Database[N] & string;

/**
 * The names of table `N`'s columns in table order, but `leftOut`, read off its model and typed as
 * its columns: what an insert or a select of whole rows lists.
 *
 * @example columnNames('traceroute', ['id', 'route_return']) // ['packet_id', 'gateway_node_id', …]
 */
export function columnNames<N extends TableName, L extends ColumnName<N> = never>(
  table: N,
  leftOut: readonly L[] = [],
): readonly Exclude<ColumnName<N>, L>[] {
  const names: readonly string[] = tables[table].columns.map((c) => c.name);
  return Object.freeze(names.filter((name) => !leftOut.includes(name as L))) as readonly Exclude<
    ColumnName<N>,
    L
  >[];
}
