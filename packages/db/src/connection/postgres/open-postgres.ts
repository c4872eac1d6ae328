import { Kysely, PostgresDialect } from 'kysely';
import type { PostgresTarget } from '../connection-target.js';
import type { DatabaseConnection, OpenDatabaseOptions } from '../database-connection.js';
import { postgresTypeParsers } from './postgres-type-parsers.js';
import { ReadOnlyPool, readOnlySessionClient } from './read-only-pool.js';
import { toPgConnectionString } from './to-pg-connection-string.js';

/**
 * Opens a pg pool for PostgreSQL (connections are made on first use). `BIGINT` reads as a number,
 * dates as text. Read-only: sessions start with `default_transaction_read_only = on`, and
 * every statement goes through a {@link ReadOnlyPool} (reads only, each in a read-only
 * transaction), so nothing sent through it can write or switch the session back to writing.
 */
export async function openPostgres<DB>(
  target: PostgresTarget,
  options: OpenDatabaseOptions,
): Promise<DatabaseConnection<DB>> {
  const readOnly = options.readOnly ?? false;
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: toPgConnectionString(target, {
      extraOptions: readOnly ? '-c default_transaction_read_only=on' : undefined,
    }),
    types: postgresTypeParsers(pg.types),
    ...(options.poolSize !== undefined ? { max: options.poolSize } : {}),
    ...(readOnly ? { Client: readOnlySessionClient(pg.Client) } : {}),
  });
  // Without a listener, an idle client's error (server restart) would crash the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  // The pool listens to its idle clients only: the server ending a connection that is checked
  // out but between statements (a fast restart, pg_terminate_backend mid-transaction) made that
  // client emit 'error' with no listener, which ended the process. The statement that follows
  // fails instead ("not queryable"), and the pool discards the client on release.
  pool.on('connect', (client) => client.on('error', (error) => options.onIdleError?.(error)));
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: readOnly ? new ReadOnlyPool(pool) : pool }),
  });
  let closing: Promise<void> | undefined;
  return {
    dialect: 'postgres',
    db,
    target,
    readOnly,
    close: () =>
      (closing ??= (async () => {
        await db.destroy();
        // Kysely ends the pool only if a query ever ran.
        if (!pool.ending) await pool.end();
      })()),
  };
}
