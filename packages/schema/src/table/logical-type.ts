/**
 * The portable type of a column, named after SQLAlchemy's generic types; the DDL renderer turns
 * it into each dialect's spelling (`largeBinary` is `BLOB` on SQLite and `BYTEA` on PostgreSQL).
 */
export type LogicalType =
  | { readonly kind: 'string'; readonly length: number | null }
  | { readonly kind: 'text' }
  | { readonly kind: 'integer' }
  | { readonly kind: 'bigInteger' }
  | { readonly kind: 'float' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'largeBinary' }
  | { readonly kind: 'date' }
  | { readonly kind: 'dateTime' };
