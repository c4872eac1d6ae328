import type { DialectName } from '@meshview/schema';
import type { ConnectionTarget } from './connection-target.js';
import type { DatabaseConnection, OpenDatabaseOptions } from './database-connection.js';
import { parseConnectionString } from './parse-connection-string.js';
import { openPostgres } from './postgres/open-postgres.js';
import { openSqlite } from './sqlite/open-sqlite.js';

/**
 * Opens the database a `connection_string` (or its parsed target) names: SQLite through
 * better-sqlite3, PostgreSQL through a pg pool. Both return ids, `*_us` values and counts as JS
 * numbers (beyond 2^53 − 1 a read throws `UnsafeIntegerError`), booleans as booleans, binary as
 * `Buffer` and dates as `'YYYY-MM-DD'`. `DB` is the Kysely database interface: `@meshview/db`'s
 * main entry defaults it to MeshView's `Database`; a generic consumer such as the migration
 * engine asks for `openDatabase<any>(…)`.
 *
 * @example
 * const { db, close } = await openDatabase<Database>(connectionString, { readOnly: true });
 * try {
 *   const nodes = await db.selectFrom('node').selectAll().execute();
 * } finally {
 *   await close();
 * }
 */
export async function openDatabase<DB = unknown>(
  value: string | ConnectionTarget,
  options: OpenDatabaseOptions = {},
): Promise<DatabaseConnection<DB>> {
  const target =
    typeof value === 'string' ? parseConnectionString(value, { cwd: options.cwd }) : value;
  if (options.queryThread === true) {
    if (options.readOnly !== true) throw new TypeError('queryThread needs readOnly: true');
    // Loaded only here: the migration CLI, bundled with this file, never starts a thread.
    const { openOnQueryThread } = await import('./query-thread/query-thread.js');
    return openOnQueryThread<DB>(target, options);
  }
  return target.dialect === 'sqlite'
    ? openSqlite<DB>(target, options)
    : openPostgres<DB>(target, options);
}

/**
 * Starts a query thread for `dialect` ahead of `openDatabase(…, { queryThread: true })`, which
 * then takes it: the thread's start-up (a few hundred milliseconds of loading) overlaps other
 * work, such as the reader's wait for the schema. Nothing is opened until then.
 */
export async function prepareQueryThread(dialect: DialectName): Promise<void> {
  const { prepareQueryThread: prepare } = await import('./query-thread/query-thread.js');
  prepare(dialect);
}
