import type { Pool, PoolClient, QueryResult } from 'pg';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { ReadOnlyViolationError } from '../../errors.js';
import { isReadStatement, transactionStatement } from '../read-only-statement.js';

/** A row as the server returns it, before Kysely types it. */
type Row = Record<string, unknown>;

/**
 * A pg pool as Kysely's `PostgresPool`, whose clients cannot write, whatever they are asked:
 * - only read statements run ({@link isReadStatement}); `SET`, `COMMIT`, DDL, DML are refused
 *   before they reach the server, so `default_transaction_read_only` cannot be turned off;
 * - each one is sent with the extended protocol (one statement per query: `SELECT 1; SET …` is
 *   refused by the server) inside its own `START TRANSACTION READ ONLY` … `COMMIT`;
 * - Kysely's own transactions start `READ ONLY` (a `read write` one is refused).
 * With a role that has no write privileges (`[database] reader_connection_string`) the server
 * refuses writes as well; this guards the connection whatever the role.
 */
export class ReadOnlyPool implements PostgresPool {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  async connect(): Promise<PostgresPoolClient> {
    return new ReadOnlyClient(await this.#pool.connect());
  }

  async end(): Promise<void> {
    if (!this.#pool.ending) await this.#pool.end();
  }
}

class ReadOnlyClient implements PostgresPoolClient {
  readonly #client: PoolClient;
  #inTransaction = false;

  constructor(client: PoolClient) {
    this.#client = client;
  }

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<QueryResult<R & object>>;
  query(cursor: never): never;
  query(sql: unknown, parameters?: ReadonlyArray<unknown>): unknown {
    if (typeof sql !== 'string') {
      // A cursor (Kysely's stream()) carries its SQL inside; not offered on this connection.
      return Promise.reject(new ReadOnlyViolationError('a cursor query (stream())'));
    }
    return this.#query(sql, parameters ?? []);
  }

  async #query(sql: string, parameters: ReadonlyArray<unknown>): Promise<QueryResult<Row>> {
    const control = transactionStatement(sql);
    if (control?.kind === 'begin') {
      if (control.readWrite || this.#inTransaction) throw new ReadOnlyViolationError(sql);
      const result = await this.#client.query<Row>(
        `START TRANSACTION${control.isolation.toUpperCase()} READ ONLY`,
      );
      this.#inTransaction = true;
      return result;
    }
    if (control?.kind === 'end') {
      if (!this.#inTransaction) throw new ReadOnlyViolationError(sql);
      this.#inTransaction = false;
      return this.#client.query<Row>(sql);
    }
    if (control?.kind === 'savepoint') {
      if (!this.#inTransaction) throw new ReadOnlyViolationError(sql);
      return this.#client.query<Row>(sql);
    }
    if (!isReadStatement(sql)) throw new ReadOnlyViolationError(sql);
    const statement = { text: sql, values: [...parameters], queryMode: 'extended' as const };
    if (this.#inTransaction) return this.#client.query<Row>(statement);
    await this.#client.query('START TRANSACTION READ ONLY');
    try {
      const result = await this.#client.query<Row>(statement);
      await this.#client.query('COMMIT');
      return result;
    } catch (error) {
      await this.#client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }

  release(destroy?: boolean): void {
    // A client given back mid-transaction is not reused: its session state is unknown.
    this.#client.release(destroy || this.#inTransaction);
  }
}
