import type { DialectName } from '../dialect-name.js';
import type { IndexDefinition, TableDefinition } from '../schema/table-definition.js';
import { quoteIdentifier } from './quote-identifier.js';

/**
 * `CREATE [UNIQUE] INDEX` as SQLAlchemy 1.4 writes it (without the `;`).
 *
 * @example renderCreateIndex(packetTable, index, 'sqlite')
 * // 'CREATE INDEX idx_packet_import_time_us ON packet (import_time_us DESC)'
 */
export function renderCreateIndex(
  table: TableDefinition,
  index: IndexDefinition,
  dialect: DialectName,
): string {
  const q = (name: string): string => quoteIdentifier(name, dialect);
  const columns = index.columns.map((c) => `${q(c.name)}${c.descending ? ' DESC' : ''}`);
  const unique = index.unique ? 'UNIQUE ' : '';
  return `CREATE ${unique}INDEX ${q(index.name)} ON ${q(table.name)} (${columns.join(', ')})`;
}
