import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseConnection } from '../src/index.js';
import { makeTempDir } from '#test/tmp.js';

const dir = makeTempDir('meshview-db-sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pragma(conn: DatabaseConnection, name: string): Promise<unknown> {
  const { rows } = await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(
    conn.db,
  );
  return Object.values(rows[0] ?? {})[0];
}

describe('SQLite connections', () => {
  it('creates a relative path in cwd and sets WAL, synchronous=NORMAL, busy_timeout, foreign_keys', async () => {
    const conn = await openDatabase('sqlite:///packets.db', { cwd: dir, busyTimeoutMs: 1234 });
    try {
      expect(conn.target).toMatchObject({ filename: join(dir, 'packets.db') });
      expect(await pragma(conn, 'journal_mode')).toBe('wal');
      expect(await pragma(conn, 'synchronous')).toBe(1); // NORMAL
      expect(await pragma(conn, 'busy_timeout')).toBe(1234);
      expect(await pragma(conn, 'foreign_keys')).toBe(1);
    } finally {
      await conn.close();
    }
    expect(existsSync(join(dir, 'packets.db'))).toBe(true);
  });

  it('reuses prepared statements, and they still see a table changed after they were prepared', async () => {
    const conn = await openDatabase(`sqlite:///${join(dir, 'statements.db')}`);
    try {
      await sql.raw('CREATE TABLE s (a INTEGER)').execute(conn.db);
      const insert = (a: number) => sql`INSERT INTO s (a) VALUES (${a})`.execute(conn.db);
      const all = () => sql<Record<string, unknown>>`SELECT * FROM s ORDER BY a`.execute(conn.db);
      for (let a = 1; a <= 3; a++) await insert(a);
      expect((await all()).rows).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
      await sql.raw('ALTER TABLE s ADD COLUMN b BOOLEAN DEFAULT TRUE').execute(conn.db);
      await insert(4);
      expect((await all()).rows.at(-1)).toEqual({ a: 4, b: true });
    } finally {
      await conn.close();
    }
  });

  it('opens read-only with the default busy timeout and refuses writes', async () => {
    const conn = await openDatabase(`sqlite:///${join(dir, 'packets.db')}`, { readOnly: true });
    try {
      expect(await pragma(conn, 'busy_timeout')).toBe(5000);
      expect(await pragma(conn, 'journal_mode')).toBe('wal'); // the file's, from the writer
      await expect(sql`create table t (x integer)`.execute(conn.db)).rejects.toMatchObject({
        code: 'DB_READ_ONLY',
      });
    } finally {
      await conn.close();
    }
  });

  it('refuses to open a missing file read-only, naming the path', async () => {
    const missing = join(dir, 'missing.db');
    const opening = openDatabase(`sqlite:///${missing}`, { readOnly: true });
    await expect(opening).rejects.toMatchObject({ code: 'DB_NOT_FOUND', path: missing });
    await expect(opening).rejects.toThrow(missing);
    expect(existsSync(missing)).toBe(false);
  });

  it('explains a file that cannot be created', async () => {
    const nowhere = join(dir, 'no-such-folder', 'x.db');
    const opening = openDatabase(`sqlite:///${nowhere}`);
    await expect(opening).rejects.toMatchObject({ code: 'DB_OPEN_FAILED' });
    await expect(opening).rejects.toThrow(nowhere);
  });
});
