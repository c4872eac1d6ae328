import {
  InvalidConnectionStringError,
  parseConnectionString,
  redactConnectionString,
  UnsupportedConnectionStringError,
  type ConnectionTarget,
} from '@meshview/db/connection';
import { accept, reject, type FieldType } from './field-type.js';

/**
 * A database URL for SQLite or PostgreSQL, in MeshView's SQLAlchemy form or a plain one, read by
 * the db package's own parser (one rule for what it accepts) into the `ConnectionTarget` the apps
 * open: parsed once, here, with a relative SQLite path resolved against the working directory.
 * An empty value and the in-memory SQLite forms are refused with the reason. Shown in messages
 * without its password.
 */
export function connectionStringType(): FieldType<ConnectionTarget> {
  return {
    expected:
      'a SQLite or PostgreSQL URL such as sqlite+aiosqlite:///packets.db or ' +
      'postgresql://user:password@host/meshview',
    // Read, so that an empty value is refused rather than replaced by the default file.
    acceptsEmpty: true,
    display: redactConnectionString,
    parse: (text, { cwd }) => {
      try {
        return accept(Object.freeze(parseConnectionString(text, { cwd })));
      } catch (error) {
        if (
          error instanceof InvalidConnectionStringError ||
          error instanceof UnsupportedConnectionStringError
        ) {
          return reject(error.problem);
        }
        throw error;
      }
    },
  };
}
