import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { MigrateError, MigrationLogger } from '../src/index.js';
import { DIALECTS } from '#test/databases.js';
import { rebuildParentOfCascade } from '#test/cascade-fixture.js';
import { columnJson as col, openOpFixture, rows } from '#test/op-fixture.js';
import { collectingLogger, type OpScript } from '#test/op-scripts.js';

const ODD =
  'CREATE TABLE "Odd Table" ("Key" TEXT NOT NULL COLLATE NOCASE, "select" VARCHAR(10) ' +
  'CONSTRAINT uq_select UNIQUE ON CONFLICT ROLLBACK, amount INTEGER CONSTRAINT ck_amount CHECK (amount > 0), ' +
  'doubled INTEGER GENERATED ALWAYS AS (amount * 2) VIRTUAL, ' +
  'parent INTEGER REFERENCES parent(id) ON DELETE SET NULL NOT DEFERRABLE, ' +
  'PRIMARY KEY ("Key")) WITHOUT ROWID';

/** Rows in the cascade test of `npm test`; `npm run test:faults` runs it with 1,000,000. */
const CASCADE_ROWS = 10_000;

describe('SQLite table rebuilds and foreign keys', () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });

  async function setup(scripts: readonly OpScript[], logger?: MigrationLogger) {
    const fixture = await openOpFixture('sqlite', scripts, logger ? { logger } : {});
    open.push(fixture);
    return fixture;
  }

  it('rolls back a revision run with foreign keys off that deletes parents of rows', async () => {
    const { db, migrator } = await setup([
      {
        id: 'g1',
        foreignKeysOff: true,
        up: `await ctx.execute('DELETE FROM parent WHERE id = 1');`,
      },
    ]);
    const error = (await migrator.upgrade('head').catch((e: unknown) => e)) as MigrateError;
    expect(error.code).toBe('MIGRATE_FOREIGN_KEY_VIOLATION');
    expect(error.message).toContain('child rowid 10 (parent_id = 1)');
    expect(error.message).toContain('child rowid 11 (parent_id = 1)');
    expect(await rows(db, 'SELECT count(*) AS n FROM parent')).toEqual([{ n: 3 }]);
    expect(await rows(db, 'PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
  });

  it('reports rows that already pointed at no row, and still applies the rebuild', async () => {
    const logger = collectingLogger();
    const { db, migrator } = await setup(
      [
        {
          id: 'h1',
          up: `await op.alterColumn('parent', 'code', { type: { kind: 'bigInteger' } });`,
        },
      ],
      logger,
    );
    // MeshView's cleanup deletes parents before children with foreign keys off.
    await sql.raw('PRAGMA foreign_keys = OFF').execute(db);
    await sql.raw(`INSERT INTO child (id, parent_id, note) VALUES (50, 77, 'orphan')`).execute(db);
    await sql.raw('PRAGMA foreign_keys = ON').execute(db);
    await migrator.upgrade('head');
    expect(await migrator.currentRevisions()).toEqual(['h1']);
    expect(await rows(db, 'SELECT parent_id FROM child WHERE id = 50')).toEqual([
      { parent_id: 77 },
    ]);
    const warning = logger.lines.find((l) => l.level === 'warn');
    expect(warning?.fields).toMatchObject({ revision: 'h1', orphans: 1 });
    expect(warning?.fields.sample).toEqual([
      'child rowid 50 (parent_id = 77): no such row in parent',
    ]);
    // The revision found out it rebuilds, and ran again with foreign keys off; they are back on.
    expect(
      logger.lines.some((l) => l.message.includes('running it again with foreign keys off')),
    ).toBe(true);
    expect(await rows(db, 'PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
  });

  it('answers a cached query with the rebuilt table (statement cache)', async () => {
    const { db, migrator } = await setup([
      {
        id: 'i1',
        up: `await op.batchAlterTable('parent', (t) => {
              t.addColumn(${col('flag', { kind: 'boolean' })});
              t.alterColumn('code', { type: { kind: 'bigInteger' } });
            });
            await ctx.execute('UPDATE parent SET flag = (id = 2)');`,
      },
    ]);
    const query = () => db.selectFrom('parent').selectAll().orderBy('id').execute();
    expect((await query())[0]).toEqual({ id: 1, name: 'one', code: 10 });
    await migrator.upgrade('head');
    expect(await query()).toEqual([
      { id: 1, name: 'one', code: 10, flag: false },
      { id: 2, name: 'two', code: 20, flag: true },
      { id: 3, name: 'three', code: null, flag: false },
    ]);
  });

  it('keeps what only SQLite has through a rebuild: WITHOUT ROWID, generated columns, quoted names, column constraints', async () => {
    const { db, migrator } = await setup([
      {
        id: 'k1',
        up: `await ctx.execute(${JSON.stringify(ODD)});
          await ctx.execute("INSERT INTO \\"Odd Table\\" (\\"Key\\", \\"select\\", amount, parent) VALUES ('a', 'x', 2, 1), ('b', 'y', 3, 2)");
          await op.alterColumn('Odd Table', 'amount', { serverDefault: { kind: 'literal', value: 5 } });
          await op.dropConstraint('Odd Table', 'ck_amount');`,
      },
    ]);
    await migrator.upgrade('head');
    const [stored] = (await rows(db, `SELECT sql FROM sqlite_master WHERE name = 'Odd Table'`)) as {
      sql: string;
    }[];
    expect(stored!.sql).toBe(
      'CREATE TABLE "Odd Table" (\n\t"Key" TEXT NOT NULL COLLATE NOCASE, \n\t"select" VARCHAR(10) ' +
        'CONSTRAINT uq_select UNIQUE ON CONFLICT ROLLBACK, \n\tamount INTEGER DEFAULT 5, \n\t' +
        'doubled INTEGER GENERATED ALWAYS AS (amount * 2) VIRTUAL, \n\t' +
        'parent INTEGER REFERENCES parent(id) ON DELETE SET NULL NOT DEFERRABLE, \n\t' +
        'PRIMARY KEY ("Key")\n) WITHOUT ROWID',
    );
    expect(await rows(db, 'SELECT * FROM "Odd Table" ORDER BY "Key"')).toEqual([
      { Key: 'a', select: 'x', amount: 2, doubled: 4, parent: 1 },
      { Key: 'b', select: 'y', amount: 3, doubled: 6, parent: 2 },
    ]);
    await sql
      .raw(`INSERT INTO "Odd Table" ("Key", "select", amount) VALUES ('c', 'z', -1)`)
      .execute(db);
    expect(
      await sql
        .raw(`INSERT INTO "Odd Table" ("Key", "select") VALUES ('A', 'w')`)
        .execute(db)
        .then(
          () => 'inserted',
          (e: MigrateError) => e.code,
        ),
    ).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    await sql.raw('DELETE FROM parent WHERE id = 1').execute(db);
    expect(await rows(db, `SELECT parent FROM "Odd Table" WHERE "Key" = 'a'`)).toEqual([
      { parent: null },
    ]);
  });

  it('loses the children of a parent table rebuilt naively inside the transaction', async () => {
    const { before, after } = await rebuildParentOfCascade('sqlite', CASCADE_ROWS, 'naive');
    expect(before.children).toBe(CASCADE_ROWS);
    expect(after.parents).toBe(CASCADE_ROWS);
    expect(after.children).toBe(0);
  });
});

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`a rebuilt parent table on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    it(`keeps all ${CASCADE_ROWS} rows of it and of its ON DELETE CASCADE children`, async () => {
      const logger = collectingLogger();
      const { before, after } = await rebuildParentOfCascade(dialect, CASCADE_ROWS, 'ops', {
        logger,
        rebuildChunkRows: 3000,
      });
      expect(before.children).toBe(CASCADE_ROWS);
      expect(after).toEqual(before);
      // A large table is copied in steps, each logged.
      const progress = logger.lines.filter((l) => l.message.startsWith('copying parent'));
      expect(progress.map((l) => l.message)).toEqual(
        dialect === 'sqlite'
          ? [3000, 6000, 9000, 10000].map((n) => `copying parent: ${n} of ${CASCADE_ROWS} rows`)
          : [],
      );
    });
  });
}
