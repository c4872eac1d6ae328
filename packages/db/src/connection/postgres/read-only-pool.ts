import type { Client, ClientConfig, Pool, PoolClient, QueryConfig, QueryResult } from 'pg';
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
 *   refused by the server), in a transaction that is read-only: alone, while the server says
 *   its session's `default_transaction_read_only` is on (see {@link readOnlySessionClient});
 *   else inside its own `START TRANSACTION READ ONLY` … `COMMIT`;
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
  /** Whether this session's prepared statements went stale (see {@link STALE_PLAN}). */
  #stalePlans = false;

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
    const values = [...parameters];
    const name = this.#stalePlans ? undefined : statementName(sql);
    // A failure inside the caller's transaction aborts it: nothing to retry there.
    if (this.#inTransaction) return this.#client.query<Row>(statement(sql, values, name));
    try {
      return await this.#read(statement(sql, values, name));
    } catch (error) {
      if (name === undefined || (error as { code?: unknown }).code !== STALE_PLAN) throw error;
      // A table's columns changed under a prepared `SELECT *` (a migration): this session's
      // prepared statements are stale. It is closed when given back; this one runs unprepared.
      this.#stalePlans = true;
      return this.#read(statement(sql, values, undefined));
    }
  }

  /** A read outside the caller's transactions, in a read-only transaction of its own. */
  async #read(query: Statement): Promise<QueryResult<Row>> {
    // One round trip instead of three: the statement's own transaction starts read-only.
    if (sessionReadOnly(this.#client)) return this.#client.query<Row>(query);
    await this.#client.query('START TRANSACTION READ ONLY');
    try {
      const result = await this.#client.query<Row>(query);
      await this.#client.query('COMMIT');
      return result;
    } catch (error) {
      await this.#client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }

  release(destroy?: boolean): void {
    // A client given back mid-transaction is not reused: its session state is unknown.
    this.#client.release(destroy || this.#inTransaction || this.#stalePlans);
  }
}

/** `cached plan must not change result type` (feature_not_supported). */
const STALE_PLAN = '0A000';

/**
 * How many statements are prepared (by name, once per session): the reader's queries are a few
 * dozen shapes, each compiled once; a statement beyond these runs unprepared.
 */
const MAX_PREPARED = 500;
const statementNames = new Map<string, string>();

/**
 * The name a read is prepared under in every session: PostgreSQL then parses and plans it once
 * per session instead of for every request (half of a small read's time on the server).
 */
function statementName(sql: string): string | undefined {
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < MAX_PREPARED) {
    name = `meshview_${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  return name;
}

/** A statement for pg's extended protocol (its `queryMode` is missing from the typings). */
type Statement = QueryConfig & { readonly queryMode: 'extended' };

const statement = (text: string, values: unknown[], name: string | undefined): Statement => ({
  text,
  values,
  queryMode: 'extended',
  ...(name !== undefined ? { name } : {}),
});

const SESSION_READ_ONLY = Symbol('default_transaction_read_only as the server last reported it');

interface ReportingClient {
  [SESSION_READ_ONLY]?: boolean;
}

/**
 * pg's `Client`, remembering the session's `default_transaction_read_only` as the server reports
 * it (PostgreSQL 14 and later send it when the session starts and whenever it changes, before
 * the statement that changed it completes). While it is on, a statement sent alone runs in a
 * read-only transaction, so the `START TRANSACTION READ ONLY` and `COMMIT` around it, two more
 * round trips to the server for every read, are left out. A statement that turns it off
 * (`SELECT set_config('default_transaction_read_only', 'off', false)` is a read) puts the
 * statements after it back inside their own read-only transactions; so does a server that
 * never reports it.
 */
export function readOnlySessionClient(PgClient: typeof Client): typeof Client {
  return class extends PgClient {
    constructor(config?: string | ClientConfig) {
      super(config);
      const connection = (this as unknown as { connection: NodeJS.EventEmitter }).connection;
      connection.on(
        'parameterStatus',
        (message: { parameterName: string; parameterValue: string }) => {
          if (message.parameterName === 'default_transaction_read_only') {
            (this as ReportingClient)[SESSION_READ_ONLY] = message.parameterValue === 'on';
          }
        },
      );
    }
  };
}

const sessionReadOnly = (client: PoolClient): boolean =>
  (client as ReportingClient)[SESSION_READ_ONLY] === true;
