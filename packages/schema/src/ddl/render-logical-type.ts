import type { DialectName } from '../dialect-name.js';
import type { LogicalType } from '../table/logical-type.js';

/**
 * A logical type as SQLAlchemy 1.4 spells it for `dialect`: the one place that says which SQL
 * type each logical type is (what `ALTER COLUMN … TYPE` writes, and what a database made from the
 * models reports back).
 *
 * @example renderLogicalType({ kind: 'largeBinary' }, 'postgres') // 'BYTEA'
 */
export function renderLogicalType(type: LogicalType, dialect: DialectName): string {
  const pg = dialect === 'postgres';
  switch (type.kind) {
    case 'string':
      return type.length === null ? 'VARCHAR' : `VARCHAR(${type.length})`;
    case 'text':
      return 'TEXT';
    case 'integer':
      return 'INTEGER';
    case 'bigInteger':
      return 'BIGINT';
    case 'float':
      return 'FLOAT';
    case 'boolean':
      return 'BOOLEAN';
    case 'largeBinary':
      return pg ? 'BYTEA' : 'BLOB';
    case 'date':
      return 'DATE';
    case 'dateTime':
      return pg ? 'TIMESTAMP WITHOUT TIME ZONE' : 'DATETIME';
  }
}
