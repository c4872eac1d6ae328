import type { DialectName } from '../dialect-name.js';
import type { ForeignKeyDefinition } from '../table/table-definition.js';
import { quoteIdentifier } from './quote-identifier.js';

/**
 * A foreign key table constraint as SQLAlchemy 1.4 lays it out (no blank before the column list,
 * one before the referenced columns): in `CREATE TABLE`, and after `ALTER TABLE … ADD`.
 *
 * @example renderForeignKey(fk, 'sqlite') // 'FOREIGN KEY(packet_id) REFERENCES packet (id)'
 */
export function renderForeignKey(fk: ForeignKeyDefinition, dialect: DialectName): string {
  const list = (names: readonly string[]): string =>
    names.map((name) => quoteIdentifier(name, dialect)).join(', ');
  const name = fk.name === null ? '' : `CONSTRAINT ${quoteIdentifier(fk.name, dialect)} `;
  const onDelete = fk.onDelete === null ? '' : ` ON DELETE ${fk.onDelete}`;
  return (
    `${name}FOREIGN KEY(${list(fk.columns)}) ` +
    `REFERENCES ${quoteIdentifier(fk.referencedTable, dialect)} (${list(fk.referencedColumns)})${onDelete}`
  );
}
