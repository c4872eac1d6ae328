import { Kysely, PostgresDialect, sql, type QueryExecutorProvider } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import { testPgUrl } from '#test/postgres.js';
import { makeTempDir } from '#test/tmp.js';
import { ReadOnlyPool, readOnlySessionClient } from '../src/connection/postgres/read-only-pool.js';
import { openDatabase, type DatabaseConnection } from '../src/index.js';

/** The one table these tests make. */
interface Tables {
  readonly t: { x: number };
}

/** What a caller might send to undo or go around a read-only connection, by dialect. */
const ATTEMPTS: Record<'sqlite' | 'postgres', (other: string) => string[]> = {
  sqlite: (other) => [
    `INSERT INTO t (x) VALUES (2)`,
    `UPDATE t SET x = 9`,
    `DELETE FROM t`,
    `CREATE TABLE u (y INTEGER)`,
    `DROP TABLE t`,
    `PRAGMA query_only = 0`,
    `PRAGMA journal_mode = DELETE`,
    `ATTACH DATABASE '${other}' AS other`,
    `INSERT INTO t (x) VALUES (3) RETURNING x`,
    `BEGIN IMMEDIATE`,
    `VACUUM`,
  ],
  postgres: () => [
    `INSERT INTO t (x) VALUES (2)`,
    `UPDATE t SET x = 9`,
    `DELETE FROM t`,
    `CREATE TABLE u (y INTEGER)`,
    `SET default_transaction_read_only = off`,
    `SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE`,
    `BEGIN READ WRITE`,
    `COMMIT`,
    `SELECT 1; INSERT INTO t (x) VALUES (4)`,
    `WITH w AS (INSERT INTO t (x) VALUES (5) RETURNING x) SELECT * FROM w`,
    `SELECT set_config('transaction_read_only', 'off', false)`,
    `SELECT nextval('t_x_seq')`,
    `DO $$ BEGIN INSERT INTO t (x) VALUES (6); END $$`,
  ],
};

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`a read-only connection on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    let url = '';
    let writer: DatabaseConnection<Tables>;
    let reader: DatabaseConnection<Tables>;
    const rows = async (db: QueryExecutorProvider) =>
      (await sql<{ x: number }>`SELECT x FROM t ORDER BY x`.execute(db)).rows;

    beforeAll(async () => {
      url = await freshDatabaseUrl(dialect, 'read_only_connection');
      writer = await openDatabase<Tables>(url);
      const serial = dialect === 'postgres' ? 'SERIAL' : 'INTEGER';
      await sql.raw(`CREATE TABLE t (x ${serial} PRIMARY KEY)`).execute(writer.db);
      await sql`INSERT INTO t (x) VALUES (1)`.execute(writer.db);
      reader = await openDatabase<Tables>(url, { readOnly: true });
    });
    afterAll(async () => {
      await reader?.close();
      await writer?.close();
    });

    it('reads, also in a transaction, and with parameters', async () => {
      expect(await rows(reader.db)).toEqual([{ x: 1 }]);
      const inside = await reader.db
        .transaction()
        .execute(async (trx) => trx.selectFrom('t').select('x').where('x', '=', 1).execute());
      expect(inside).toEqual([{ x: 1 }]);
      expect(
        (await sql<{ n: number }>`/* a comment */ SELECT count(*) AS n FROM t`.execute(reader.db))
          .rows,
      ).toEqual([{ n: 1 }]);
    });

    it('refuses every statement that writes or would undo read-only, and nothing changes', async () => {
      const other = `${makeTempDir('read-only-attach')}/other.db`;
      for (const statement of ATTEMPTS[dialect](other)) {
        await expect(sql.raw(statement).execute(reader.db), statement).rejects.toThrow();
        // Whatever the previous statement did to the session, a write is still refused.
        await expect(
          sql`INSERT INTO t (x) VALUES (7)`.execute(reader.db),
          `after ${statement}`,
        ).rejects.toMatchObject({ code: 'DB_READ_ONLY' });
        await expect(
          reader.db.insertInto('t').values({ x: 8 }).execute(),
          `after ${statement}`,
        ).rejects.toMatchObject({ code: 'DB_READ_ONLY' });
        expect(await rows(reader.db), statement).toEqual([{ x: 1 }]);
      }
      await expect(
        reader.db
          .transaction()
          .setAccessMode('read write')
          .execute(async (trx) => trx.insertInto('t').values({ x: 9 }).execute()),
      ).rejects.toMatchObject({ code: 'DB_READ_ONLY' });
      expect(await rows(writer.db)).toEqual([{ x: 1 }]);
    });

    if (dialect === 'postgres') {
      it('sends a read alone while the session is read-only, in its own read-only transaction once it is not', async () => {
        // The same pool openDatabase makes, counting the server's ReadyForQuery messages: one
        // per statement sent alone, three with START TRANSACTION … COMMIT around it.
        const pool = new pg.Pool({
          connectionString: url,
          options: '-c default_transaction_read_only=on',
          max: 1,
          Client: readOnlySessionClient(pg.Client),
        });
        let ready = 0;
        pool.on('connect', (client) => {
          (client as unknown as { connection: NodeJS.EventEmitter }).connection.on(
            'readyForQuery',
            () => (ready += 1),
          );
        });
        const db = new Kysely<Tables>({
          dialect: new PostgresDialect({ pool: new ReadOnlyPool(pool) }),
        });
        try {
          const roundTrips = async (statement: string) => {
            const before = ready;
            await sql.raw(statement).execute(db);
            return ready - before;
          };
          await roundTrips('SELECT 1');
          expect(await roundTrips('SELECT x FROM t')).toBe(1);
          // A read that turns the session's default off (the server reports the change).
          expect(
            await roundTrips(`SELECT set_config('default_transaction_read_only', 'off', false)`),
          ).toBe(1);
          expect(await roundTrips('SELECT x FROM t')).toBe(3);
          for (const statement of [`SELECT nextval('t_x_seq')`, `SELECT setval('t_x_seq', 50)`]) {
            await expect(sql.raw(statement).execute(db), statement).rejects.toMatchObject({
              code: '25006', // read_only_sql_transaction
            });
          }
          await roundTrips(`SELECT set_config('default_transaction_read_only', 'on', false)`);
          expect(await roundTrips('SELECT x FROM t')).toBe(1);
        } finally {
          await db.destroy();
        }
        // And through openDatabase's own pool: after the same read, writes are still refused.
        await sql`SELECT set_config('default_transaction_read_only', 'off', false)`.execute(
          reader.db,
        );
        await expect(sql`SELECT nextval('t_x_seq')`.execute(reader.db)).rejects.toMatchObject({
          code: '25006',
        });
        expect(await rows(writer.db)).toEqual([{ x: 1 }]);
      });

      it('prepares each read once per session, and reads on when a migration changes a table under it', async () => {
        const all = async () =>
          (await sql<Record<string, unknown>>`SELECT * FROM t ORDER BY x`.execute(reader.db)).rows;
        expect(await all()).toEqual([{ x: 1 }]);
        expect(await all()).toEqual([{ x: 1 }]);
        await sql`ALTER TABLE t ADD COLUMN y INTEGER DEFAULT 5`.execute(writer.db);
        try {
          // The prepared `SELECT *` would now return another row type: PostgreSQL refuses it.
          expect(await all()).toEqual([{ x: 1, y: 5 }]);
          expect(await all()).toEqual([{ x: 1, y: 5 }]);
        } finally {
          await sql`ALTER TABLE t DROP COLUMN y`.execute(writer.db);
        }
        expect(await all()).toEqual([{ x: 1 }]);
      });

      it('refuses writes on the server too, for a role without write privileges', async () => {
        const role = `mv_reader_${process.pid}`;
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        try {
          await admin.query(`DROP ROLE IF EXISTS ${role}`);
          await admin.query(`CREATE ROLE ${role} LOGIN`);
          await admin.query(`GRANT SELECT ON t TO ${role}`);
          const roleUrl = new URL(url);
          roleUrl.username = role;
          // Opened writable on purpose: the role alone must refuse the write.
          const asRole = await openDatabase<Tables>(roleUrl.toString());
          try {
            expect(await rows(asRole.db)).toEqual([{ x: 1 }]);
            await expect(
              sql`INSERT INTO t (x) VALUES (10)`.execute(asRole.db),
            ).rejects.toMatchObject(
              { code: '42501' }, // insufficient_privilege
            );
          } finally {
            await asRole.close();
          }
        } finally {
          await admin.query(`REVOKE ALL ON t FROM ${role}`);
          await admin.query(`DROP ROLE IF EXISTS ${role}`);
          await admin.end();
        }
        expect(testPgUrl).toBeDefined();
      });
    }
  });
}
