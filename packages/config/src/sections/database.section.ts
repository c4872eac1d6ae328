import type { ConnectionTarget } from '@meshview/db/connection';
import { connectionStringType } from '../field-types/connection-string-type.js';
import { integerType } from '../field-types/integer-type.js';
import { optionalType } from '../field-types/optional-type.js';
import type { SectionSpec } from '../section-spec.js';

/** `[database]`: where the data lives. */
export interface DatabaseConfig {
  /**
   * MeshView's SQLAlchemy URL (`sqlite+aiosqlite:///packets.db`,
   * `postgresql+asyncpg://user:pass@host/db`) or a plain `sqlite:` / `postgres://` URL, parsed
   * into the database to open (plain data: it can go to a worker thread). `sqlite:///x.db` is
   * relative to the working directory the config was read in, `sqlite:////abs/x.db` absolute.
   * `display` shows it without its password.
   */
  readonly connectionString: ConnectionTarget;
  /** A read-only role for the reader on PostgreSQL; `null` uses `connectionString`. */
  readonly readerConnectionString: ConnectionTarget | null;
  /**
   * PostgreSQL: the most connections a reader process holds at once for its queries (its schema
   * watch and live stream hold one more each; SQLite has one). About twice the database server's
   * cores over all readers: more only make statements take turns on its cores.
   */
  readonly readerPoolSize: number;
}

/** The schema of {@link DatabaseConfig}. */
export const databaseSection: SectionSpec<DatabaseConfig> = {
  connectionString: {
    key: 'connection_string',
    type: connectionStringType(),
    defaultText: 'sqlite+aiosqlite:///packets.db',
  },
  readerConnectionString: {
    key: 'reader_connection_string',
    type: optionalType(connectionStringType()),
    default: null,
  },
  readerPoolSize: {
    key: 'reader_pool_size',
    type: integerType({ min: 1, max: 1000 }),
    default: 4,
  },
};
