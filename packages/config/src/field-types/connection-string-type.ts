import { accept, reject, type FieldType } from './field-type.js';

// SQLAlchemy URLs (`sqlite+aiosqlite:///x.db`, `postgresql+asyncpg://…`) and plain `sqlite:` and
// `postgres://` URLs; the db package parses the rest.
const SCHEME = /^(?:sqlite|postgres|postgresql)(?:\+\w+)?:/i;

/** A database URL for SQLite or PostgreSQL, in MeshView's SQLAlchemy form or a plain one. */
export function connectionStringType(): FieldType<string> {
  return {
    expected:
      'a SQLite or PostgreSQL URL such as sqlite+aiosqlite:///packets.db or ' +
      'postgresql://user:password@host/meshview',
    acceptsEmpty: false,
    parse: (text) => (SCHEME.test(text) ? accept(text) : reject()),
  };
}
