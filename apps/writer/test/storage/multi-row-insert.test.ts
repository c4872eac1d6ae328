import { afterEach, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type Database, type DatabaseConnection } from '@meshview/db';
import { MultiRowInsert } from '../../src/storage/multi-row-insert.js';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';

interface Item {
  readonly a: number;
  readonly b: string;
  readonly v: number;
}

const item = (a: number, b: string, v: number): Item => ({ a, b, v });
const values = (i: Item): unknown[] => [i.a, i.b, i.v];

async function stored(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<Item>`SELECT a, b, v FROM t ORDER BY a, b`.execute(db);
  return rows.map((r) => `${Number(r.a)} ${r.b} ${Number(r.v)}`);
}

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`MultiRowInsert.insertNew on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const open: DatabaseConnection[] = [];
    afterEach(async () => {
      await Promise.all(open.splice(0).map((h) => h.close()));
    });
    // Typed as the writer's connection, which MultiRowInsert runs on; it holds only table t.
    const fresh = async (): Promise<Kysely<Database>> => {
      const handle = await openDatabase(await freshDatabaseUrl(dialect, 'multi_row_insert'));
      open.push(handle);
      await sql`CREATE TABLE t (a BIGINT NOT NULL, b TEXT NOT NULL, v INTEGER, PRIMARY KEY (a, b))`.execute(
        handle.db,
      );
      return handle.db;
    };
    const insert = (maxRows?: number) =>
      new MultiRowInsert(dialect, {
        table: 't',
        columns: ['a', 'b', 'v'],
        conflictKey: ['a', 'b'],
        maxRows,
      });

    it('returns every item when all are new', async () => {
      const db = await fresh();
      const items = [item(1, 'x', 1), item(2, 'x', 2), item(2 ** 40, 'y', 3)];
      const inserted = await db
        .transaction()
        .execute((trx) => insert().insertNew(trx, items, values));
      expect(inserted).toEqual(items);
      expect(await stored(db)).toEqual(['1 x 1', '2 x 2', `${2 ** 40} y 3`]);
    });

    it('returns only the items whose key was free, in order, and leaves the stored rows alone', async () => {
      const db = await fresh();
      await sql`INSERT INTO t (a, b, v) VALUES (2, 'x', 20), (4, 'x', 40)`.execute(db);
      const items = [1, 2, 3, 4, 5].map((a) => item(a, 'x', a));
      // Two rows a statement: the conflicts fall in two of the three statements.
      const inserted = await db
        .transaction()
        .execute((trx) => insert(2).insertNew(trx, items, values));
      expect(inserted.map((i) => i.a)).toEqual([1, 3, 5]);
      expect(await stored(db)).toEqual(['1 x 1', '2 x 20', '3 x 3', '4 x 40', '5 x 5']);
    });

    it('of items sharing a key, inserts and returns the first', async () => {
      const db = await fresh();
      const items = [item(1, 'x', 1), item(1, 'x', 2), item(1, 'y', 3), item(1, 'x', 4)];
      const inserted = await db
        .transaction()
        .execute((trx) => insert().insertNew(trx, items, values));
      expect(inserted).toEqual([items[0], items[2]]);
      expect(await stored(db)).toEqual(['1 x 1', '1 y 3']);
    });

    it('leaves the transaction whole: what follows commits or rolls back with it', async () => {
      const db = await fresh();
      await sql`INSERT INTO t (a, b, v) VALUES (1, 'x', 10)`.execute(db);
      await db.transaction().execute(async (trx) => {
        await insert().insertNew(trx, [item(1, 'x', 1), item(2, 'x', 2)], values);
        await insert().insertNew(trx, [item(3, 'x', 3)], values);
      });
      expect(await stored(db)).toEqual(['1 x 10', '2 x 2', '3 x 3']);
      await expect(
        db.transaction().execute(async (trx) => {
          await insert().insertNew(trx, [item(3, 'x', 0), item(4, 'x', 4)], values);
          throw new Error('give up');
        }),
      ).rejects.toThrow('give up');
      expect(await stored(db)).toEqual(['1 x 10', '2 x 2', '3 x 3']);
    });

    it('refuses to work without a conflict key, or with a key it does not insert', async () => {
      const plain = new MultiRowInsert(dialect, { table: 't', columns: ['a', 'b', 'v'] });
      await expect(
        plain.insertNew({} as Kysely<Database>, [item(1, 'x', 1)], values),
      ).rejects.toThrow(/needs a conflictKey/);
      expect(
        () => new MultiRowInsert(dialect, { table: 't', columns: ['a'], conflictKey: ['b'] }),
      ).toThrow(/key b not inserted/);
    });
  });
}
