import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgExecute, pgSkipReason, testPgUrl } from '#test/postgres.js';
import {
  databaseUnavailableReason,
  openDatabase,
  parseConnectionString,
  type DatabaseConnection,
} from '../src/index.js';

describe.skipIf(!testPgUrl)(`PostgreSQL connections ${pgSkipReason ?? ''}`, () => {
  let url = '';
  const opened: DatabaseConnection[] = [];
  const open = async (value: string, readOnly = false) => {
    const conn = await openDatabase(value, { readOnly });
    opened.push(conn);
    return conn;
  };
  const setting = async (conn: DatabaseConnection, name: string) => {
    const { rows } = await sql<{ value: string }>`select current_setting(${name}) as value`.execute(
      conn.db,
    );
    return rows[0]?.value;
  };

  beforeAll(async () => {
    url = await createTestDatabase('db_pg_connection');
  });
  afterAll(async () => {
    for (const conn of opened) await conn.close();
  });

  it('makes every session of a read-only connection read-only', async () => {
    const reader = await open(url, true);
    expect(await setting(reader, 'default_transaction_read_only')).toBe('on');
    await expect(sql`create table t (x integer)`.execute(reader.db)).rejects.toMatchObject({
      code: 'DB_READ_ONLY',
    });
    const writer = await open(url);
    expect(await setting(writer, 'default_transaction_read_only')).toBe('off');
  });

  it('survives the server cutting a connection in the middle of a transaction, and recovers', async () => {
    for (const readOnly of [false, true]) {
      const conn = await open(url, readOnly);
      const failure = await conn.db
        .transaction()
        .execute(async (trx) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
          await pgExecute(testPgUrl!, `SELECT pg_terminate_backend(${rows[0]!.pid})`);
          // The server's notice of the end arrives while the client is checked out and idle.
          await new Promise((resolve) => setTimeout(resolve, 200));
          await sql`select 1`.execute(trx);
        })
        .catch((error: unknown) => error);
      expect(databaseUnavailableReason(failure), String(failure)).toBeDefined();
      // The dead client was discarded: the next statement gets a new connection.
      expect(await setting(conn, 'server_version')).toBeTruthy();
    }
  });

  it('keeps the options and other parameters of the URL', async () => {
    const withParams = `${url}?options=-c%20statement_timeout%3D4321&application_name=meshview-test`;
    expect(parseConnectionString(withParams).params).toEqual({
      options: '-c statement_timeout=4321',
      application_name: 'meshview-test',
    });
    const reader = await open(withParams, true);
    expect(await setting(reader, 'statement_timeout')).toBe('4321ms');
    expect(await setting(reader, 'application_name')).toBe('meshview-test');
    expect(await setting(reader, 'default_transaction_read_only')).toBe('on');
  });

  it('reads DATE and TIMESTAMP as text', async () => {
    const conn = await open(url);
    const { rows } = await sql<{
      d: string;
      ts: string;
    }>`select date '2025-01-02' as d, timestamp '2025-01-02 03:04:05.678' as ts`.execute(conn.db);
    expect(rows).toEqual([{ d: '2025-01-02', ts: '2025-01-02 03:04:05.678' }]);
  });
});
