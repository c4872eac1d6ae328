import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
} from 'kysely';
import type { DialectName } from '@meshview/schema';
import type { UntypedTables } from '../untyped-tables.js';
import { inlineParameters } from './inline-parameters.js';

/**
 * A Kysely instance that runs nothing: every query a script builds is compiled for `dialect`,
 * handed to `record` with its parameters written in, and answered with no rows.
 */
export function recordingKysely(
  dialect: DialectName,
  record: (statement: string) => void,
): Kysely<UntypedTables> {
  const connection: DatabaseConnection = {
    executeQuery(query) {
      // Synchronous; a statement that cannot be recorded still rejects, as a live query would.
      return new Promise((resolve) => {
        record(inlineParameters(query.sql, query.parameters, dialect));
        resolve({ rows: [] });
      });
    },
    async *streamQuery(query) {
      // One result with no rows, as a live query that matched none would stream.
      yield await connection.executeQuery(query);
    },
  };
  const driver: Driver = {
    async init() {},
    acquireConnection: () => Promise.resolve(connection),
    async beginTransaction() {},
    async commitTransaction() {},
    async rollbackTransaction() {},
    async releaseConnection() {},
    async destroy() {},
  };
  const sqlite = dialect === 'sqlite';
  const kyselyDialect: Dialect = {
    createAdapter: () => (sqlite ? new SqliteAdapter() : new PostgresAdapter()),
    createDriver: () => driver,
    createIntrospector: (db) =>
      sqlite ? new SqliteIntrospector(db) : new PostgresIntrospector(db),
    createQueryCompiler: () => (sqlite ? new SqliteQueryCompiler() : new PostgresQueryCompiler()),
  };
  return new Kysely<UntypedTables>({ dialect: kyselyDialect });
}
