import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgExecute, pgSkipReason, testPgUrl } from '#test/postgres.js';
import { freePort } from '#test/free-port.js';
import { makeTempDir } from '#test/tmp.js';
import {
  DatabaseAccessError,
  explainDatabaseError,
  openDatabase,
  parseConnectionString,
  type DatabaseErrorContext,
} from '../src/index.js';

const KEY = '[database] connection_string';

/** What `explainDatabaseError` makes of the error that opening and reading `url` ends with. */
async function explainedFailure(
  url: string,
  { readOnly = false, key = KEY }: { readOnly?: boolean; key?: string } = {},
): Promise<Error & { code?: string }> {
  const context: DatabaseErrorContext = { target: parseConnectionString(url), key, readOnly };
  try {
    const handle = await openDatabase(url, { readOnly });
    try {
      await sql`SELECT version_num FROM alembic_version`.execute(handle.db);
    } finally {
      await handle.close();
    }
  } catch (error) {
    return explainDatabaseError(error, context) as Error & { code?: string };
  }
  throw new Error(`expected ${url} to fail`);
}

describe('explainDatabaseError without a database', () => {
  it('returns errors it does not know unchanged', () => {
    const context: DatabaseErrorContext = {
      target: parseConnectionString('postgres://u@h/db'),
      key: KEY,
      readOnly: false,
    };
    const plain = new Error('boom');
    expect(explainDatabaseError(plain, context)).toBe(plain);
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    expect(
      explainDatabaseError(busy, { ...context, target: parseConnectionString('sqlite:///x.db') }),
    ).toBe(busy);
  });

  it('adds the key and the database to an access error thrown without them', () => {
    const bare = new DatabaseAccessError('DB_PERMISSION_DENIED', 'no usable schema');
    const explained = explainDatabaseError(bare, {
      target: parseConnectionString('postgres://ro:secret@h/db'),
      key: '[database] reader_connection_string',
      readOnly: true,
    });
    expect(explained).toMatchObject({
      code: 'DB_PERMISSION_DENIED',
      message: '[database] reader_connection_string (postgres://ro:***@h/db): no usable schema',
    });
  });

  it('names the key and a SQLite folder that does not exist', async () => {
    const folder = join(makeTempDir('explain'), 'no-such-folder');
    const error = await explainedFailure(`sqlite:///${join(folder, 'x.db')}`);
    expect(error).toMatchObject({ code: 'DB_OPEN_FAILED' });
    expect(error.message).toContain(`the folder ${folder} does not exist (${KEY})`);
    expect(error.message).toContain(`fix the path in ${KEY}`);
  });
});

describe.skipIf(pgSkipReason)(
  `explainDatabaseError on PostgreSQL${pgSkipReason ? ` (${pgSkipReason})` : ''}`,
  () => {
    const role = `mv_explain_${process.pid}`;
    let url = '';
    let dbName = '';
    const asRole = (name: string) => {
      const u = new URL(url);
      u.username = name;
      return u.toString();
    };
    const admin = (statement: string, on = url) => pgExecute(on, statement);

    beforeAll(async () => {
      url = await createTestDatabase('explain_database_error');
      dbName = new URL(url).pathname.slice(1);
      await admin('CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)');
      await admin(`DROP ROLE IF EXISTS ${role}`, testPgUrl);
      await admin(`CREATE ROLE ${role} LOGIN`, testPgUrl);
    });
    afterAll(async () => {
      if (!url) return;
      await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`, testPgUrl);
      await admin(`DROP ROLE IF EXISTS ${role}`, testPgUrl);
    });

    it('asks whether PostgreSQL runs at host:port when the port refuses', async () => {
      const port = await freePort();
      const error = await explainedFailure(`postgres://postgres@127.0.0.1:${port}/x`);
      expect(error).toBeInstanceOf(DatabaseAccessError);
      expect(error.code).toBe('DB_UNREACHABLE');
      expect(error.message).toMatch(
        new RegExp(
          `^\\[database\\] connection_string \\(postgres://postgres@127\\.0\\.0\\.1:${port}/x\\): `,
        ),
      );
      expect(error.message).toContain(`Is PostgreSQL running at 127.0.0.1:${port}`);
      expect(error.message).toContain(`Check the host and port in ${KEY}`);
    });

    it('says to create a database that does not exist', async () => {
      const missing = new URL(url);
      missing.pathname = `/mvtest_missing_${process.pid}`;
      const error = await explainedFailure(missing.toString());
      expect(error.code).toBe('DB_NO_SUCH_DATABASE');
      expect(error.message).toContain(`has no database "mvtest_missing_${process.pid}"`);
      expect(error.message).toContain(`CREATE DATABASE "mvtest_missing_${process.pid}"`);
      expect(error.message).toContain(`fix the database name in ${KEY}`);
    });

    it('says to check the role and password when the server refuses the role', async () => {
      const error = await explainedFailure(asRole(`mv_nobody_${process.pid}`));
      expect(error.code).toBe('DB_AUTH_FAILED');
      expect(error.message).toContain(`refused role "mv_nobody_${process.pid}"`);
      expect(error.message).toContain(`Check the user name and password in ${KEY}`);
    });

    it('says what to GRANT to a reader role without SELECT, naming the reader key', async () => {
      const error = await explainedFailure(asRole(role), {
        readOnly: true,
        key: '[database] reader_connection_string',
      });
      expect(error.code).toBe('DB_PERMISSION_DENIED');
      expect(error.message).toMatch(/^\[database\] reader_connection_string \(postgres:\/\//);
      expect(error.message).toContain('permission denied for table alembic_version');
      expect(error.message).toContain(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO "${role}"`);
    });

    it('says what to GRANT to a role that may not connect to the database', async () => {
      await admin(`REVOKE CONNECT ON DATABASE "${dbName}" FROM PUBLIC`);
      try {
        const error = await explainedFailure(asRole(role), { readOnly: true });
        expect(error.code).toBe('DB_PERMISSION_DENIED');
        expect(error.message).toContain(`GRANT CONNECT ON DATABASE "${dbName}" TO "${role}"`);
      } finally {
        await admin(`GRANT CONNECT ON DATABASE "${dbName}" TO PUBLIC`);
      }
    });
  },
);
