/**
 * A column's `DEFAULT` clause, as SQLAlchemy's `server_default`: a literal (a string is quoted,
 * `'1'`; a number is bare; a boolean is `1`/`0` on SQLite and `true`/`false` on PostgreSQL) or
 * raw SQL per dialect (`CURRENT_TIMESTAMP`), emitted verbatim.
 */
export type ServerDefault =
  | { readonly kind: 'literal'; readonly value: string | number | boolean }
  | { readonly kind: 'sql'; readonly sqlite: string; readonly postgres: string };
