import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, parseConnectionString } from '@meshview/db/connection';
import {
  loadRevisions,
  Migrator,
  renderOfflineSql,
  RevisionGraph,
  type MigrateError,
} from '../src/index.js';
import { DIALECTS, freshDatabaseUrl, schemaSnapshot } from '#test/databases.js';
import { BASE, columnJson as col } from '#test/op-fixture.js';
import { writeOpScripts, type OpScript } from '#test/op-scripts.js';
import { makeTempDir } from '#test/tmp.js';

const PARENT_SNAPSHOT = JSON.stringify({
  name: 'parent',
  columns: [
    JSON.parse(col('id', { kind: 'integer' }, { nullable: false, primaryKey: true })),
    JSON.parse(col('name', { kind: 'string', length: 20 }, { nullable: false })),
  ],
  primaryKey: ['id'],
  indexes: [],
  foreignKeys: [],
});

// A chain from an empty database: tables made by raw SQL, then changes that rebuild on SQLite
// (their definitions learnt from the statements before them), then data through ctx.db.
const CHAIN: OpScript[] = [
  {
    id: 'o1',
    up: `for (const s of ${JSON.stringify(BASE)}) await ctx.execute(s);`,
    downgrade: `await ctx.execute('DROP TABLE child'); await ctx.execute('DROP TABLE parent');`,
  },
  {
    id: 'o2',
    down: 'o1',
    up: `await op.alterColumn('child', 'note', { type: { kind: 'text' }, nullable: false, serverDefault: { kind: 'literal', value: 'none' } });
      await op.batchAlterTable('parent', (t) => {
        t.dropColumn('code');
        t.renameColumn('name', 'title');
        t.addColumn(${col('flag', { kind: 'boolean' }, { unique: true })});
      });
      await op.addForeignKey('child', { name: 'fk_child_ref', columns: ['ref'], referencedTable: 'parent', referencedColumns: ['id'], onDelete: null });`,
    downgrade: `await op.dropConstraint('child', 'fk_child_ref');`,
  },
  {
    id: 'o3',
    down: 'o2',
    up: `await ctx.db.insertInto('parent').values({ id: 9, title: "it's", flag: true }).execute();
      if (!ctx.offline) throw new Error('o3 checks ctx.offline');`,
  },
];

const ENGINE = ['alembic_version', 'migration_status'];

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`offline SQL on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const open: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(open.splice(0).map((h) => h.close()));
    });

    async function graphOf(scripts: readonly OpScript[]) {
      const dir = writeOpScripts(join(makeTempDir('offline'), 'versions'), scripts);
      return { dir, graph: new RevisionGraph(await loadRevisions({ dir })) };
    }

    /** Runs a printed script on a fresh database, as an operator would with the database's shell. */
    async function runPrinted(text: string): Promise<string> {
      const url = await freshDatabaseUrl(dialect, 'offline_run');
      if (dialect === 'sqlite') {
        const target = parseConnectionString(url);
        const handle = new BetterSqlite3(target.dialect === 'sqlite' ? target.filename : '');
        handle.pragma('foreign_keys = ON');
        handle.exec(text);
        handle.close();
      } else {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(text);
        await client.end();
      }
      return url;
    }

    it('prints SQL that, run by hand, gives the schema and version an online upgrade gives', async () => {
      const { dir, graph } = await graphOf(CHAIN.slice(0, 2));
      const text = await renderOfflineSql({
        dialect,
        graph,
        direction: 'upgrade',
        from: [],
        target: 'head',
      });
      expect(text).toContain("INSERT INTO alembic_version (version_num) VALUES ('o1');");
      expect(text).toContain(
        "UPDATE alembic_version SET version_num = 'o2' WHERE version_num = 'o1';",
      );
      if (dialect === 'sqlite') {
        expect(text).toContain(
          'PRAGMA foreign_keys = OFF;\nBEGIN;\nPRAGMA legacy_alter_table = ON;\nALTER TABLE child RENAME TO _child_old;',
        );
        expect(text).toContain('PRAGMA foreign_key_check;\nCOMMIT;\nPRAGMA foreign_keys = ON;');
      } else {
        expect(text).toContain('ALTER TABLE child ALTER COLUMN note TYPE TEXT USING note::TEXT');
        expect(text).not.toContain('PRAGMA');
      }
      const printed = await openDatabase(await runPrinted(text));
      open.push(printed);
      const online = await openDatabase(await freshDatabaseUrl(dialect, 'offline_online'));
      open.push(online);
      await (await Migrator.create({ dialect, db: online.db, scripts: { dir } })).upgrade('head');
      expect(await schemaSnapshot(dialect, printed.db, { exclude: ENGINE })).toEqual(
        await schemaSnapshot(dialect, online.db, { exclude: ENGINE }),
      );
      const versions = sql`SELECT version_num FROM alembic_version`;
      expect((await versions.execute(printed.db)).rows).toEqual([{ version_num: 'o2' }]);
    });

    it('renders queries built on ctx.db with their values written in, and downgrades', async () => {
      const { graph } = await graphOf(CHAIN);
      const up = await renderOfflineSql({
        dialect,
        graph,
        direction: 'upgrade',
        from: ['o2'],
        target: 'head',
      });
      expect(up).toContain(
        `insert into "parent" ("id", "title", "flag") values (9, 'it''s', ${dialect === 'sqlite' ? '1' : 'TRUE'});`,
      );
      const down = (target: string) =>
        renderOfflineSql({ dialect, graph, direction: 'downgrade', from: ['o3'], target });
      const one = await down('o2');
      expect(one).toContain('-- Running downgrade o3 -> o2');
      expect(one).toContain(
        "UPDATE alembic_version SET version_num = 'o2' WHERE version_num = 'o3';",
      );
      if (dialect === 'postgres') {
        expect(await down('o1')).toContain('ALTER TABLE child DROP CONSTRAINT fk_child_ref;');
      } else {
        // Starting at o3, nothing tells offline SQL what child looks like: it says so.
        expect(
          await down('o1').then(
            () => undefined,
            (e: MigrateError) => e.code,
          ),
        ).toBe('MIGRATE_OFFLINE_UNSUPPORTED');
      }
    });

    it('refuses clearly when a change needs a definition that offline SQL does not have', async () => {
      const { graph } = await graphOf([
        {
          id: 'p1',
          up:
            dialect === 'sqlite'
              ? `await op.alterColumn('parent', 'name', { nullable: true });`
              : `await op.dropConstraint('parent', { kind: 'unique', columns: ['code'] });`,
        },
      ]);
      const error = (await renderOfflineSql({
        dialect,
        graph,
        direction: 'upgrade',
        from: [],
        target: 'head',
      }).catch((e: unknown) => e)) as MigrateError;
      expect(error.code).toBe('MIGRATE_OFFLINE_UNSUPPORTED');
      expect(error.message).toContain(dialect === 'sqlite' ? 'copyFrom' : 'name the constraint');
    });
  });
}

describe('offline SQL without a database to read', () => {
  it('rebuilds a SQLite table from the definition a script gives (copyFrom)', async () => {
    const dir = writeOpScripts(join(makeTempDir('offline'), 'versions'), [
      {
        id: 'q1',
        up: `await op.alterColumn('parent', 'name', { nullable: true }, { copyFrom: ${PARENT_SNAPSHOT} });`,
      },
    ]);
    const graph = new RevisionGraph(await loadRevisions({ dir }));
    const text = await renderOfflineSql({
      dialect: 'sqlite',
      graph,
      direction: 'upgrade',
      from: [],
      target: 'head',
    });
    expect(text).toContain(
      'CREATE TABLE parent (\n\tid INTEGER NOT NULL, \n\tname VARCHAR(20), \n\tPRIMARY KEY (id)\n);\n' +
        'INSERT INTO parent (rowid, id, name) SELECT rowid, id, name FROM _parent_old;',
    );
  });
});
