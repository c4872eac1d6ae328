import type { ConnectionTarget } from './connection/connection-target.js';
import type {
  DatabaseConnection as Connection,
  OpenDatabaseOptions,
} from './connection/database-connection.js';
import { openDatabase as openConnection } from './connection/open-database.js';
import type { Database } from './database.js';

/**
 * An open database (see `@meshview/db/connection`), typed with MeshView's tables unless `DB`
 * says otherwise.
 */
export type DatabaseConnection<DB = Database> = Connection<DB>;

/**
 * The connection layer's `openDatabase`, the same function, with `DB` defaulting to MeshView's
 * `Database`: what the apps open.
 *
 * @example
 * const { db, close } = await openDatabase(config.database.connection_string, { readOnly: true });
 * const nodes = await db.selectFrom('node').select(['id', 'long_name']).execute();
 */
export const openDatabase: <DB = Database>(
  value: string | ConnectionTarget,
  options?: OpenDatabaseOptions,
) => Promise<DatabaseConnection<DB>> = openConnection;
