import type { DialectName } from '../dialect-name.js';
import type { IndexDefinition } from '../table/table-definition.js';
import { quoteIdentifier } from './quote-identifier.js';

/**
 * `CREATE [UNIQUE] INDEX … [WHERE …]` on the table named `table`, as SQLAlchemy 1.4 writes it
 * (without the `;`); a partial index's predicate follows as written.
 *
 * @example renderCreateIndex('packet', index, 'sqlite')
 * // 'CREATE INDEX idx_packet_import_time_us ON packet (import_time_us DESC)'
 */
export function renderCreateIndex(
  table: string,
  index: IndexDefinition,
  dialect: DialectName,
): string {
  const q = (name: string): string => quoteIdentifier(name, dialect);
  const columns = index.columns.map((c) => `${q(c.name)}${c.descending ? ' DESC' : ''}`);
  const unique = index.unique ? 'UNIQUE ' : '';
  const where = index.where === undefined ? '' : ` WHERE ${index.where}`;
  return `CREATE ${unique}INDEX ${q(index.name)} ON ${q(table)} (${columns.join(', ')})${where}`;
}
