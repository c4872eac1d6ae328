import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db/connection';
import { column, defineTable } from '@meshview/schema';
import {
  autogenerate,
  compareSchema,
  createRevisionScript,
  describeChange,
  DESTRUCTIVE_MARKER,
  Migrator,
  type ColumnDefinition,
  type MigrateError,
  type TableDefinition,
} from '../../src/index.js';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import { compileScript } from '#test/scripts.js';
import { makeTempDir } from '#test/tmp.js';

const parent = defineTable(
  'rt_parent',
  {
    id: column.integer().primaryKey().autoincrement(),
    name: column.string({ length: 20 }).notNull(),
    score: column.bigInteger(),
    flag: column.boolean().serverDefault(false),
  },
  { indexes: [{ name: 'ix_rt_parent_name', columns: ['name'] }] },
);
const child = defineTable(
  'rt_child',
  { id: column.bigInteger().primaryKey(), parent_id: column.integer(), note: column.text() },
  {
    foreignKeys: [{ columns: ['parent_id'], references: { table: 'rt_parent', columns: ['id'] } }],
  },
);
const BASE: readonly TableDefinition[] = [parent, child];

/** BASE with one table changed. */
function change(
  name: string,
  edit: (table: TableDefinition) => TableDefinition,
): TableDefinition[] {
  return BASE.map((t) => (t.name === name ? edit(t) : t));
}
const columnOf = (table: TableDefinition, name: string) =>
  table.columns.find((c) => c.name === name)!;
const replaceColumn = (
  table: TableDefinition,
  name: string,
  edit: (c: ColumnDefinition) => ColumnDefinition,
): TableDefinition => ({
  ...table,
  columns: table.columns.map((c) => (c.name === name ? edit(c) : c)),
});

interface Case {
  readonly name: string;
  readonly after: readonly TableDefinition[];
  /** How many destructive markers the upgrade must carry. */
  readonly destructive: number;
}

/** One model change of each kind the differ knows. */
const CATALOGUE: readonly Case[] = [
  {
    name: 'a table added (with an index, a unique column and a foreign key)',
    after: [
      ...BASE,
      defineTable(
        'rt_extra',
        {
          id: column.integer().primaryKey(),
          parent_id: column.integer().notNull(),
          code: column.string({ length: 8 }).unique(),
          at: column.dateTime().serverDefault({ sql: 'CURRENT_TIMESTAMP' }),
        },
        {
          indexes: [
            { name: 'ix_rt_extra_parent', columns: [{ column: 'parent_id', order: 'desc' }] },
          ],
          foreignKeys: [
            {
              columns: ['parent_id'],
              references: { table: 'rt_parent', columns: ['id'] },
              onDelete: 'CASCADE',
            },
          ],
        },
      ),
    ],
    destructive: 0,
  },
  { name: 'a table dropped', after: [parent], destructive: 1 },
  {
    name: 'columns added (nullable, and NOT NULL with a default)',
    after: change('rt_parent', (t) => ({
      ...t,
      columns: [
        ...t.columns,
        { ...columnOf(t, 'score'), name: 'age', type: { kind: 'integer' } },
        {
          ...columnOf(t, 'score'),
          name: 'level',
          nullable: false,
          serverDefault: { kind: 'literal', value: 0 },
        },
      ],
    })),
    destructive: 0,
  },
  {
    name: 'a column dropped',
    after: change('rt_parent', (t) => ({
      ...t,
      columns: t.columns.filter((c) => c.name !== 'score'),
    })),
    destructive: 1,
  },
  {
    name: 'types widened and narrowed',
    after: change('rt_parent', (t) =>
      replaceColumn(
        replaceColumn(t, 'name', (c) => ({ ...c, type: { kind: 'string', length: 50 } })),
        'score',
        (c) => ({ ...c, type: { kind: 'integer' } }),
      ),
    ),
    destructive: 1,
  },
  {
    name: 'nullability changed',
    after: change('rt_child', (t) =>
      replaceColumn(t, 'note', (c) => ({
        ...c,
        nullable: false,
        serverDefault: { kind: 'literal', value: '' },
      })),
    ).map((t) =>
      t.name === 'rt_parent' ? replaceColumn(t, 'name', (c) => ({ ...c, nullable: true })) : t,
    ),
    destructive: 0,
  },
  {
    name: 'server defaults added, changed and removed',
    after: change('rt_parent', (t) =>
      replaceColumn(
        replaceColumn(
          replaceColumn(t, 'flag', (c) => ({
            ...c,
            serverDefault: { kind: 'literal', value: true },
          })),
          'name',
          (c) => ({ ...c, serverDefault: { kind: 'literal', value: "o'brien" } }),
        ),
        'score',
        (c) => ({ ...c, serverDefault: { kind: 'sql', sqlite: '(1 + 1)', postgres: '(1 + 1)' } }),
      ),
    ),
    destructive: 0,
  },
  {
    name: 'indexes: columns, order, unique, partial, dropped',
    after: change('rt_parent', (t) => ({
      ...t,
      indexes: [
        {
          name: 'ix_rt_parent_name',
          columns: [
            { name: 'name', descending: true },
            { name: 'score', descending: false },
          ],
          unique: true,
        },
        {
          name: 'ix_rt_parent_live',
          columns: [{ name: 'score', descending: false }],
          unique: false,
          where: 'flag AND score > 0',
        },
      ],
    })),
    destructive: 0,
  },
  {
    name: 'a unique constraint added',
    after: change('rt_parent', (t) => replaceColumn(t, 'score', (c) => ({ ...c, unique: true }))),
    destructive: 0,
  },
  {
    name: 'foreign keys: action changed, one added',
    after: change('rt_child', (t) => ({
      ...t,
      columns: [...t.columns, { ...columnOf(t, 'parent_id'), name: 'other_id' }],
      foreignKeys: [
        { ...t.foreignKeys[0]!, onDelete: 'SET NULL' },
        {
          name: 'fk_rt_child_other',
          columns: ['other_id'],
          referencedTable: 'rt_parent',
          referencedColumns: ['id'],
          onDelete: null,
        },
      ],
    })),
    destructive: 0,
  },
  {
    name: 'a primary key changed',
    after: change('rt_child', (t) => ({
      ...replaceColumn(t, 'parent_id', (c) => ({ ...c, primaryKey: true, nullable: false })),
      primaryKey: ['id', 'parent_id'],
    })),
    destructive: 0,
  },
];

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`autogenerate round trips on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const handles: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(handles.splice(0).map((h) => h.close()));
    });

    /** A database at a first generated revision that creates BASE, with its scripts folder. */
    async function atBase() {
      const handle = await openDatabase(await freshDatabaseUrl(dialect, 'roundtrip'));
      handles.push(handle);
      const root = makeTempDir('roundtrip');
      const scripts = { dir: join(root, 'versions'), compiledDir: join(root, 'dist', 'versions') };
      mkdirSync(scripts.dir, { recursive: true });
      mkdirSync(scripts.compiledDir, { recursive: true });
      const db = handle.db;
      const generate = async (models: readonly TableDefinition[], message: string) => {
        const migrator = await Migrator.create({ dialect, db, scripts });
        const { changes, steps } = await autogenerate({ db, dialect, models });
        const { file } = await createRevisionScript(
          scripts.dir,
          migrator.graph,
          message,
          new Date(),
          {
            steps,
            dialect,
          },
        );
        return { changes, steps, file };
      };
      const upgrade = async () => (await Migrator.create({ dialect, db, scripts })).upgrade('head');
      const base = await generate(BASE, 'base tables');
      expect(base.changes.map(describeChange)).toEqual([
        'add table rt_parent',
        'add table rt_child',
      ]);
      compileScript(base.file, scripts.compiledDir);
      await upgrade();
      expect(await compareSchema({ db, dialect, models: BASE })).toEqual([]);
      await sql`INSERT INTO rt_parent (id, name, score) VALUES (1, 'one', 10), (2, 'two', 20)`.execute(
        db,
      );
      await sql`INSERT INTO rt_child (id, parent_id, note) VALUES (7, 1, 'seven')`.execute(db);
      return { db, scripts, generate, upgrade };
    }

    for (const c of CATALOGUE) {
      it(`${c.name}: autogenerate, upgrade, check, downgrade, check`, async () => {
        const { db, scripts, generate, upgrade } = await atBase();
        const { changes, steps, file } = await generate(c.after, c.name);
        expect(changes.length).toBeGreaterThan(0);
        expect(steps.destructive).toBe(c.destructive);
        compileScript(file, scripts.compiledDir);
        if (c.destructive > 0) {
          const refused = (await upgrade().catch((e: unknown) => e)) as MigrateError;
          expect(refused.code).toBe('MIGRATE_SCRIPT_UNREVIEWED');
          expect(refused.message).toContain(`${file}:`);
          const kept = readFileSync(file, 'utf8')
            .split('\n')
            .filter((line) => !line.includes(DESTRUCTIVE_MARKER));
          writeFileSync(file, kept.join('\n'));
          compileScript(file, scripts.compiledDir);
        }
        await upgrade();
        expect((await compareSchema({ db, dialect, models: c.after })).map(describeChange)).toEqual(
          [],
        );
        await (await Migrator.create({ dialect, db, scripts })).downgrade('-1');
        expect((await compareSchema({ db, dialect, models: BASE })).map(describeChange)).toEqual(
          [],
        );
        const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM rt_parent`.execute(db);
        expect(Number(rows[0]!.n)).toBe(2);
      });
    }
  });
}
