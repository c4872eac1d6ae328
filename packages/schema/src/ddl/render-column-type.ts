import type { DialectName } from '../dialect-name.js';
import type { ColumnSpec } from '../table/column-definition.js';
import { renderLogicalType } from './render-logical-type.js';

/**
 * A column's type in `CREATE TABLE` as SQLAlchemy 1.4 spells it for `dialect`: its logical type,
 * except that an autoincrement column is `SERIAL` (`BIGSERIAL`) on PostgreSQL.
 */
export function renderColumnType(
  column: Pick<ColumnSpec, 'type' | 'autoincrement'>,
  dialect: DialectName,
): string {
  if (dialect === 'postgres' && column.autoincrement) {
    if (column.type.kind === 'integer') return 'SERIAL';
    if (column.type.kind === 'bigInteger') return 'BIGSERIAL';
  }
  return renderLogicalType(column.type, dialect);
}
