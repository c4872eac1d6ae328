import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { MigrateError, MigrationLogger } from '../src/index.js';
import { DIALECTS, schemaSnapshot } from '#test/databases.js';
import {
  codeOf,
  columnJson as col,
  openOpFixture,
  rows,
  SQLITE_TRIGGER,
} from '#test/op-fixture.js';
import { collectingLogger, type OpScript } from '#test/op-scripts.js';

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`operations on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const open: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(open.splice(0).map((h) => h.close()));
    });

    async function setup(
      scripts: readonly OpScript[],
      logger?: MigrationLogger,
      extra: string[] = [],
    ) {
      const fixture = await openOpFixture(dialect, scripts, {
        ...(logger ? { logger } : {}),
        extra,
      });
      open.push(fixture);
      return fixture;
    }

    const indexNames = async <DB>(db: Kysely<DB>, table: string): Promise<string[]> => {
      const query =
        dialect === 'sqlite'
          ? `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = '${table}' AND sql IS NOT NULL`
          : `SELECT indexname AS name FROM pg_indexes WHERE tablename = '${table}' AND indexname LIKE 'ix%'`;
      return ((await rows(db, query)) as { name: string }[]).map((r) => r.name).sort();
    };
    const columnNames = async <DB>(db: Kysely<DB>, table: string): Promise<string[]> => {
      const query =
        dialect === 'sqlite'
          ? `SELECT name FROM pragma_table_info('${table}') ORDER BY cid`
          : `SELECT column_name AS name FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`;
      return ((await rows(db, query)) as { name: string }[]).map((r) => r.name);
    };

    it('adds, renames and drops columns, keeping every row, and undoes it', async () => {
      const { db, migrator } = await setup([
        {
          id: 'a1',
          up: `await op.addColumn('parent', ${col('score', { kind: 'integer' }, { nullable: false, serverDefault: { kind: 'literal', value: 7 } })});
            await op.renameColumn('child', 'note', 'remark');
            await op.dropColumn('parent', 'code');`,
          downgrade: `await op.addColumn('parent', ${col('code', { kind: 'integer' })});
            await op.createIndex('parent', { name: 'ix_parent_code', unique: false, columns: [{ name: 'code', descending: true }] });
            await op.renameColumn('child', 'remark', 'note');
            await op.dropColumn('parent', 'score');`,
        },
      ]);
      await migrator.upgrade('head');
      expect(await columnNames(db, 'parent')).toEqual(['id', 'name', 'score']);
      expect(await rows(db, 'SELECT id, name, score FROM parent ORDER BY id')).toEqual([
        { id: 1, name: 'one', score: 7 },
        { id: 2, name: 'two', score: 7 },
        { id: 3, name: 'three', score: 7 },
      ]);
      expect(await rows(db, 'SELECT id, remark FROM child ORDER BY id')).toHaveLength(4);
      // The index on the dropped column went with it; the other one stays.
      expect(await indexNames(db, 'parent')).toEqual([]);
      expect(await indexNames(db, 'child')).toEqual(['ix_child_parent']);
      expect(
        await codeOf(sql.raw(`INSERT INTO parent (id, name) VALUES (9, 'one')`).execute(db)),
      ).toBeDefined();
      await migrator.downgrade('base');
      expect(await columnNames(db, 'parent')).toEqual(['id', 'name', 'code']);
      expect(await columnNames(db, 'child')).toEqual(['id', 'parent_id', 'note', 'ref']);
      expect(await rows(db, 'SELECT count(*) AS n FROM child')).toEqual([{ n: 4 }]);
    });

    it("alters a column's type, nullability and default, and back", async () => {
      const { db, migrator } = await setup([
        {
          id: 'b1',
          up: `await op.alterColumn('child', 'note', { type: { kind: 'text' }, nullable: false, serverDefault: { kind: 'literal', value: 'none' } });
            await op.addColumn('child', ${col('tag', { kind: 'text' }, { serverDefault: { kind: 'sql', sqlite: "lower('ABC')", postgres: "lower('ABC')" } })});`,
          downgrade: `await op.dropColumn('child', 'tag');
            await op.alterColumn('child', 'note', { type: { kind: 'string', length: null }, nullable: true, serverDefault: null });`,
        },
      ]);
      const before = await schemaSnapshot(dialect, db);
      await migrator.upgrade('head');
      await sql.raw('INSERT INTO child (id, parent_id) VALUES (20, 2)').execute(db);
      expect(await rows(db, 'SELECT note, tag FROM child WHERE id = 20')).toEqual([
        { note: 'none', tag: 'abc' },
      ]);
      expect(
        await codeOf(sql.raw('INSERT INTO child (id, note) VALUES (21, NULL)').execute(db)),
      ).toBeDefined();
      expect(await rows(db, 'SELECT id, note FROM child WHERE id < 20 ORDER BY id')).toEqual([
        { id: 10, note: 'a' },
        { id: 11, note: 'b' },
        { id: 12, note: 'c' },
        { id: 13, note: 'd' },
      ]);
      const type = await rows(
        db,
        dialect === 'sqlite'
          ? `SELECT type FROM pragma_table_info('child') WHERE name = 'note'`
          : `SELECT data_type AS type FROM information_schema.columns WHERE table_name = 'child' AND column_name = 'note'`,
      );
      expect(type).toEqual([{ type: dialect === 'sqlite' ? 'TEXT' : 'text' }]);
      await sql.raw('DELETE FROM child WHERE id = 20').execute(db);
      await migrator.downgrade('base');
      const engine = ['alembic_version', 'migration_status'];
      expect(await schemaSnapshot(dialect, db, { exclude: engine })).toEqual(
        before.filter((line) => !engine.some((t) => line.includes(t))),
      );
    });

    it('adds and drops named and unnamed constraints, leaving the schema as it was', async () => {
      const { db, migrator } = await setup([
        {
          id: 'c1',
          up: `await op.addUniqueConstraint('child', { name: 'uq_child_note', columns: ['note'] });
            await op.addUniqueConstraint('child', { name: null, columns: ['parent_id', 'ref'] });
            await op.addCheckConstraint('child', { name: 'ck_child_ref', expression: 'ref > 0' });
            await op.addForeignKey('child', { name: 'fk_child_ref', columns: ['ref'], referencedTable: 'parent', referencedColumns: ['id'], onDelete: null });`,
          downgrade: `await op.dropConstraint('child', 'fk_child_ref');
            await op.dropConstraint('child', 'ck_child_ref');
            await op.dropConstraint('child', { kind: 'unique', columns: ['parent_id', 'ref'] });
            await op.dropConstraint('child', 'uq_child_note');`,
        },
        {
          id: 'c2',
          down: 'c1',
          up: `await op.dropConstraint('child', { kind: 'unique', columns: ['note', 'id'] });`,
        },
      ]);
      const before = await schemaSnapshot(dialect, db);
      await migrator.upgrade('c1');
      const insert = (values: string) =>
        codeOf(
          sql.raw(`INSERT INTO child (id, parent_id, note, ref) VALUES ${values}`).execute(db),
        );
      expect(await insert(`(30, 2, 'a', 2)`)).toBeDefined(); // uq_child_note
      expect(await insert(`(31, 1, 'z', 1)`)).toBeDefined(); // the unnamed UNIQUE (parent_id, ref)
      expect(await insert(`(32, 2, 'y', 0)`)).toBeDefined(); // ck_child_ref
      expect(await insert(`(33, 2, 'x', 1)`)).toBeUndefined();
      await sql.raw('DELETE FROM child WHERE id = 33').execute(db);
      // A constraint that is not there is named in the error, and nothing changes.
      expect(await codeOf(migrator.upgrade('head'))).toBe('MIGRATE_OPERATION_INVALID');
      expect(await migrator.currentRevisions()).toEqual(['c1']);
      await migrator.downgrade('base');
      expect(await insert(`(34, 1, 'a', 1)`)).toBeUndefined();
      await sql.raw('DELETE FROM child WHERE id = 34').execute(db);
      const engine = ['alembic_version', 'migration_status'];
      expect(await schemaSnapshot(dialect, db, { exclude: engine })).toEqual(
        before.filter((line) => !engine.some((t) => line.includes(t))),
      );
    });

    it('creates, renames and drops tables and indexes', async () => {
      const tag = JSON.stringify({
        name: 'tag',
        columns: [
          JSON.parse(col('id', { kind: 'integer' }, { nullable: false, primaryKey: true })),
          JSON.parse(col('label', { kind: 'string', length: 40 }, { unique: true })),
        ],
        primaryKey: ['id'],
        indexes: [
          { name: 'ix_tag_label', unique: false, columns: [{ name: 'label', descending: false }] },
        ],
        foreignKeys: [],
      });
      const { db, migrator } = await setup([
        {
          id: 'd1',
          up: `await op.createTable(${tag});
            await op.createIndex('child', { name: 'ix_child_note', unique: true, columns: [{ name: 'note', descending: false }] });
            await op.renameTable('tag', 'label');
            await op.dropIndex('ix_child_parent');`,
          downgrade: `await op.createIndex('child', { name: 'ix_child_parent', unique: false, columns: [{ name: 'parent_id', descending: false }] });
            await op.dropTable('label');
            await op.dropIndex('ix_child_note');`,
        },
        { id: 'd2', down: 'd1', up: `await op.dropTable('parent');` },
      ]);
      const before = await schemaSnapshot(dialect, db);
      await migrator.upgrade('d1');
      expect(await indexNames(db, 'child')).toEqual(['ix_child_note']);
      expect(await indexNames(db, 'label')).toEqual(['ix_tag_label']);
      await sql.raw(`INSERT INTO label (id, label) VALUES (1, 'x')`).execute(db);
      expect(
        await codeOf(sql.raw(`INSERT INTO label (id, label) VALUES (2, 'x')`).execute(db)),
      ).toBeDefined();
      // parent is referenced by child: dropping it is refused, and nothing is lost.
      expect(await codeOf(migrator.upgrade('head'))).toBe(
        dialect === 'sqlite' ? 'MIGRATE_OPERATION_INVALID' : 'MIGRATE_REVISION_FAILED',
      );
      expect(await rows(db, 'SELECT count(*) AS n FROM child')).toEqual([{ n: 4 }]);
      await migrator.downgrade('base');
      const engine = ['alembic_version', 'migration_status'];
      expect(await schemaSnapshot(dialect, db, { exclude: engine })).toEqual(
        before.filter((line) => !engine.some((t) => line.includes(t))),
      );
    });

    it('keeps indexes, unique constraints, foreign keys, defaults and triggers through a rebuild', async () => {
      const logger = collectingLogger();
      const { db, migrator } = await setup(
        [
          {
            id: 'e1',
            up: `await op.rebuildTable('parent'); await op.rebuildTable('child');
              if (ctx.dialect === 'sqlite') await op.rebuildTable('counter');
              await op.batchAlterTable('parent', (t) => { t.alterColumn('code', { type: { kind: 'bigInteger' } }); t.alterColumn('code', { type: { kind: 'integer' } }); });`,
          },
        ],
        logger,
        dialect === 'sqlite' ? SQLITE_TRIGGER : [],
      );
      const schema = await schemaSnapshot(dialect, db, {
        exclude: ['alembic_version', 'migration_status'],
      });
      const data = [
        await rows(db, 'SELECT * FROM parent ORDER BY id'),
        await rows(db, 'SELECT * FROM child ORDER BY id'),
      ];
      await migrator.upgrade('head');
      const rebuilt = logger.lines.filter((l) => l.message.startsWith('rebuilding table'));
      expect(rebuilt.map((l) => l.message)).toEqual(
        dialect === 'sqlite'
          ? [
              'rebuilding table parent',
              'rebuilding table child',
              'rebuilding table counter',
              'rebuilding table parent',
            ]
          : [],
      );
      expect(
        await schemaSnapshot(dialect, db, { exclude: ['alembic_version', 'migration_status'] }),
      ).toEqual(schema);
      expect([
        await rows(db, 'SELECT * FROM parent ORDER BY id'),
        await rows(db, 'SELECT * FROM child ORDER BY id'),
      ]).toEqual(data);
      // ... and they still act: default, unique (named and unnamed), check, cascade, trigger.
      await sql.raw('INSERT INTO parent (id, code) VALUES (4, 40)').execute(db);
      expect(await rows(db, 'SELECT name FROM parent WHERE id = 4')).toEqual([{ name: 'x' }]);
      for (const bad of [`(5, 'one', 50)`, `(5, 'five', 10)`, `(5, 'five', -1)`]) {
        expect(
          await codeOf(sql.raw(`INSERT INTO parent (id, name, code) VALUES ${bad}`).execute(db)),
        ).toBeDefined();
      }
      await sql.raw('DELETE FROM parent WHERE id = 1').execute(db);
      expect(await rows(db, 'SELECT id FROM child ORDER BY id')).toEqual([{ id: 12 }, { id: 13 }]);
      if (dialect === 'sqlite') {
        await sql.raw(`UPDATE parent SET name = 'deux' WHERE id = 2`).execute(db);
        expect(await rows(db, 'SELECT what FROM audit')).toEqual([{ what: 'deux' }]);
        expect(await rows(db, 'SELECT name FROM v_parent ORDER BY id')).toEqual([
          { name: 'deux' },
          { name: 'three' },
          { name: 'x' },
        ]);
        // AUTOINCREMENT does not hand out the deleted row's id again.
        await sql.raw(`INSERT INTO counter (v) VALUES ('d')`).execute(db);
        expect(await rows(db, `SELECT id FROM counter WHERE v = 'd'`)).toEqual([{ id: 4 }]);
      }
    });

    it('rolls back a change that would leave rows pointing at no row, naming them', async () => {
      const { db, migrator } = await setup([
        {
          id: 'f1',
          up: `await ctx.execute('UPDATE child SET ref = 42 WHERE id = 12');
            await op.addForeignKey('child', { name: null, columns: ['ref'], referencedTable: 'parent', referencedColumns: ['id'], onDelete: null });`,
        },
      ]);
      await migrator.ensureTables();
      const schema = await schemaSnapshot(dialect, db);
      const error = (await migrator.upgrade('head').catch((e: unknown) => e)) as MigrateError;
      if (dialect === 'sqlite') {
        expect(error.code).toBe('MIGRATE_FOREIGN_KEY_VIOLATION');
        expect(error.message).toContain('child rowid 12 (ref = 42): no such row in parent');
      } else {
        expect(error.code).toBe('MIGRATE_REVISION_FAILED');
      }
      expect(await migrator.currentRevisions()).toEqual([]);
      expect(await schemaSnapshot(dialect, db)).toEqual(schema);
      expect(await rows(db, 'SELECT ref FROM child WHERE id = 12')).toEqual([{ ref: 3 }]);
    });
  });
}
