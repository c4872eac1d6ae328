import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import { makeTempDir } from '#test/tmp.js';
import { spareThreadId } from '../src/connection/query-thread/query-thread.js';
import {
  DatabaseNotFoundError,
  DbError,
  openDatabase,
  prepareQueryThread,
  ReadOnlyViolationError,
  UnsafeIntegerError,
  type DatabaseConnection,
} from '../src/index.js';

interface Tables {
  readonly t: { id: number; flag: boolean; blob: Buffer | null; label: string | null };
}

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `a read-only connection on a query thread, ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      let url = '';
      let writer: DatabaseConnection<Tables>;
      let inPlace: DatabaseConnection<Tables>;
      let threaded: DatabaseConnection<Tables>;

      beforeAll(async () => {
        url = await freshDatabaseUrl(dialect, 'query_thread');
        writer = await openDatabase<Tables>(url);
        const blob = dialect === 'postgres' ? 'BYTEA' : 'BLOB';
        await sql
          .raw(
            `CREATE TABLE t (id BIGINT PRIMARY KEY, flag BOOLEAN NOT NULL, blob ${blob}, label TEXT)`,
          )
          .execute(writer.db);
        await writer.db
          .insertInto('t')
          .values([
            { id: 1, flag: true, blob: Buffer.from([0, 1, 2, 255]), label: 'één' },
            { id: 2 ** 40, flag: false, blob: null, label: null },
          ])
          .execute();
        inPlace = await openDatabase<Tables>(url, { readOnly: true });
        threaded = await openDatabase<Tables>(url, { readOnly: true, queryThread: true });
      });
      afterAll(async () => {
        await threaded?.close();
        await inPlace?.close();
        await writer?.close();
      });

      it('answers what the same connection opened in place answers, binary values as Buffers', async () => {
        const query = (db: DatabaseConnection<Tables>['db']) =>
          db.selectFrom('t').selectAll().where('id', '>=', 1).orderBy('id').execute();
        const rows = await query(threaded.db);
        expect(rows).toEqual(await query(inPlace.db));
        expect(rows[0]).toMatchObject({ id: 1, flag: true, label: 'één' });
        expect(Buffer.isBuffer(rows[0]!.blob)).toBe(true);
        expect([...rows[0]!.blob!]).toEqual([0, 1, 2, 255]);
        // A Buffer parameter reaches the database as binary.
        const byBlob = await threaded.db
          .selectFrom('t')
          .select('id')
          .where('blob', '=', Buffer.from([0, 1, 2, 255]))
          .execute();
        expect(byBlob).toEqual([{ id: 1 }]);
        expect(threaded.readOnly).toBe(true);
        expect(threaded.dialect).toBe(dialect);
      });

      it('runs statements side by side and gives each its own answer', async () => {
        const answers = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            sql<{ n: number }>`SELECT ${i} + count(*) AS n FROM t`.execute(threaded.db),
          ),
        );
        expect(answers.map((a) => Number(a.rows[0]!.n))).toEqual(
          Array.from({ length: 50 }, (_, i) => i + 2),
        );
      });

      it('holds at most poolSize connections on PostgreSQL; SQLite, with its one, ignores it', async () => {
        // Six statements at once; each says which server process ran it (SQLite: no such thing).
        const sessions = async (options: { poolSize?: number }): Promise<number> => {
          const connection = await openDatabase<Tables>(url, {
            readOnly: true,
            queryThread: true,
            ...options,
          });
          try {
            const answers = await Promise.all(
              Array.from({ length: 6 }, () =>
                dialect === 'postgres'
                  ? sql<{ pid: number }>`SELECT pg_backend_pid() AS pid FROM pg_sleep(0.2)`.execute(
                      connection.db,
                    )
                  : sql<{ pid: number }>`SELECT 1 AS pid`.execute(connection.db),
              ),
            );
            return new Set(answers.map((answer) => answer.rows[0]!.pid)).size;
          } finally {
            await connection.close();
          }
        };
        if (dialect === 'postgres') {
          expect(await sessions({ poolSize: 2 })).toBe(2);
          // Without it, pg's pool (10) opens one connection for each of the six.
          expect(await sessions({})).toBe(6);
        } else {
          expect(await sessions({ poolSize: 2 })).toBe(1);
        }
      });

      it('throws the errors of the connection in place, with their class and code', async () => {
        const write = await threaded.db
          .insertInto('t')
          .values({ id: 3, flag: true, blob: null, label: null })
          .execute()
          .catch((error: unknown) => error);
        expect(write).toBeInstanceOf(ReadOnlyViolationError);
        expect(write).toBeInstanceOf(DbError);
        expect(write).toMatchObject({ code: 'DB_READ_ONLY', name: 'ReadOnlyViolationError' });
        const unsafe = await sql`SELECT id * 16384 AS big FROM t WHERE id > 1`
          .execute(threaded.db)
          .catch((error: unknown) => error);
        expect(unsafe).toBeInstanceOf(UnsafeIntegerError);
        const missing = await sql`SELECT nothing FROM t`
          .execute(threaded.db)
          .catch((e: unknown) => e);
        expect(missing).toBeInstanceOf(Error);
        expect((missing as Error).message).toMatch(/nothing/);
        if (dialect === 'postgres') expect(missing).toMatchObject({ code: '42703' });
        else expect(missing).toMatchObject({ code: 'SQLITE_ERROR' });
        expect(await threaded.db.selectFrom('t').select('id').execute()).toHaveLength(2);
      });

      it('refuses transactions and streamed reads, saying why', async () => {
        await expect(
          threaded.db
            .transaction()
            .execute(async (trx) => trx.selectFrom('t').selectAll().execute()),
        ).rejects.toThrow(/transactions are not run through the query thread/);
        await expect(async () => {
          for await (const row of threaded.db.selectFrom('t').selectAll().stream()) void row;
        }).rejects.toThrow(/streamed results/);
      });

      // The thread's end is handled on the caller's side, the same for both databases. It is
      // made to run out of memory on PostgreSQL: an answer of 2 GB through pg outgrows the
      // thread's heap in a second, where better-sqlite3 spent minutes building such rows.
      if (dialect === 'postgres') {
        it('outlives a thread that ran out of memory: what waited fails, the next statement runs on a new one', async () => {
          const huge = sql`SELECT repeat('x', 100000) AS x FROM generate_series(1, 20000)`;
          const failed = await huge.execute(threaded.db).catch((error: unknown) => error);
          expect(failed).toBeInstanceOf(Error);
          expect((failed as Error).message).toMatch(/the query thread (failed|ended)/);
          expect(await threaded.db.selectFrom('t').select('id').orderBy('id').execute()).toEqual([
            { id: 1 },
            { id: 2 ** 40 },
          ]);
        }, 60_000);
      }

      it('opens on the thread started ahead for its dialect, and only its dialect', async () => {
        // Started once, however often asked while it waits (a thread left by another test may
        // be waiting already).
        await prepareQueryThread(dialect);
        const ahead = await spareThreadId();
        expect(ahead).toBeGreaterThan(0);
        await prepareQueryThread(dialect);
        expect(await spareThreadId()).toBe(ahead);
        // The next opening of its dialect takes it.
        const taker = await openDatabase<Tables>(url, { readOnly: true, queryThread: true });
        expect(await spareThreadId()).toBeUndefined();
        expect(await taker.db.selectFrom('t').select('id').orderBy('id').execute()).toEqual([
          { id: 1 },
          { id: 2 ** 40 },
        ]);
        await taker.close();
        // One of the other dialect is left waiting by an opening of this one.
        await prepareQueryThread(dialect === 'sqlite' ? 'postgres' : 'sqlite');
        const other = await spareThreadId();
        const own = await openDatabase<Tables>(url, { readOnly: true, queryThread: true });
        expect(await spareThreadId()).toBe(other);
        await own.close();
      });

      it('fails to open as opening in place fails', async () => {
        const missing =
          dialect === 'sqlite'
            ? `sqlite:///${join(makeTempDir('query-thread-missing'), 'none.db')}`
            : url.replace(/\/[^/]+$/, '/meshview_no_such_database');
        if (dialect === 'sqlite') {
          await expect(
            openDatabase(missing, { readOnly: true, queryThread: true }),
          ).rejects.toBeInstanceOf(DatabaseNotFoundError);
        } else {
          // A pg pool connects on first use: the first statement fails.
          const own = await openDatabase(missing, { readOnly: true, queryThread: true });
          await expect(sql`SELECT 1`.execute(own.db)).rejects.toMatchObject({ code: '3D000' });
          await own.close();
        }
        await expect(openDatabase(url, { queryThread: true })).rejects.toThrow(/readOnly/);
      });

      it('is closed once: later statements are refused, a second close is harmless', async () => {
        const own = await openDatabase<Tables>(url, { readOnly: true, queryThread: true });
        await own.db.selectFrom('t').select('id').execute();
        await own.close();
        await own.close();
        await expect(own.db.selectFrom('t').select('id').execute()).rejects.toThrow();
        // Closed without a statement ever run: the thread ends too (the test would hang if not).
        await (await openDatabase<Tables>(url, { readOnly: true, queryThread: true })).close();
      });

      if (dialect === 'sqlite') {
        it('reopens the file on its thread: a database renamed over the path is read from then on', async () => {
          const dir = makeTempDir('query-thread-reopen');
          const made = async (name: string, id: number) => {
            const file = join(dir, name);
            const own = await openDatabase<Tables>(`sqlite:///${file}`);
            await sql`CREATE TABLE t (id BIGINT PRIMARY KEY, flag BOOLEAN, blob BLOB, label TEXT)`.execute(
              own.db,
            );
            await own.db
              .insertInto('t')
              .values({ id, flag: true, blob: null, label: null })
              .execute();
            await own.close();
            return file;
          };
          const file = await made('live.db', 1);
          const own = await openDatabase<Tables>(`sqlite:///${file}`, {
            readOnly: true,
            queryThread: true,
          });
          try {
            expect(await own.db.selectFrom('t').select('id').execute()).toEqual([{ id: 1 }]);
            renameSync(await made('restored.db', 7), file);
            // The thread's handle still reads the file it opened until it is told to reopen.
            expect(await own.db.selectFrom('t').select('id').execute()).toEqual([{ id: 1 }]);
            await own.reopen!();
            expect(await own.db.selectFrom('t').select('id').execute()).toEqual([{ id: 7 }]);
          } finally {
            await own.close();
          }
        });
      }
    },
  );
}
