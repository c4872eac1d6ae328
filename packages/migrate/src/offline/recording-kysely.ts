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
import { inlineParameters } from './inline-parameters.js';

/**
 * A Kysely instance that runs nothing: every query a script builds is compiled for `dialect`,
 * handed to `record` with its parameters written in, and answered with no rows.
 */
export function recordingKysely(
  dialect: DialectName,
  record: (statement: string) => void,
): Kysely<any> {
  const connection: DatabaseConnection = {
    async executeQuery(query) {
      record(inlineParameters(query.sql, query.parameters, dialect));
      return { rows: [] };
    },
    async *streamQuery(query) {
      record(inlineParameters(query.sql, query.parameters, dialect));
    },
  };
  const driver: Driver = {
    async init() {},
    async acquireConnection() {
      return connection;
    },
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
  return new Kysely<any>({ dialect: kyselyDialect });
}
