import type { DialectName } from '../dialect-name.js';
import type { ColumnDefinition } from '../schema/column-definition.js';

/** A column's type as SQLAlchemy 1.4 spells it for `dialect` (`SERIAL` for autoincrement). */
export function renderColumnType(column: ColumnDefinition, dialect: DialectName): string {
  const pg = dialect === 'postgres';
  const { type } = column;
  switch (type.kind) {
    case 'string':
      return type.length === null ? 'VARCHAR' : `VARCHAR(${type.length})`;
    case 'text':
      return 'TEXT';
    case 'integer':
      return pg && column.autoincrement ? 'SERIAL' : 'INTEGER';
    case 'bigInteger':
      return pg && column.autoincrement ? 'BIGSERIAL' : 'BIGINT';
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
