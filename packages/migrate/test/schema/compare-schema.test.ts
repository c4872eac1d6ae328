import { sql, type Kysely, type QueryExecutorProvider } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db/connection';
import { column, defineTable, renderSchemaDdl } from '@meshview/schema';
import {
  autogenerate,
  compareSchema,
  describeChange,
  introspectSchema,
  type TableDefinition,
} from '../../src/index.js';
import { DIALECTS, freshDatabaseUrl, type DialectUnderTest } from '#test/databases.js';

const spellTable = defineTable(
  'spell',
  {
    id: column.integer().primaryKey().autoincrement(),
    a: column.string({ length: 20 }).notNull().serverDefault('x'),
    b: column.bigInteger().serverDefault(0),
    c: column.boolean().notNull().serverDefault(true),
    d: column.dateTime().serverDefault({ sql: 'CURRENT_TIMESTAMP' }),
    e: column.integer().serverDefault('5'),
    f: column.float().serverDefault(1.5),
    g: column.text(),
    h: column.bigInteger().unique(),
  },
  {
    indexes: [
      { name: 'ix_spell_a_b', columns: ['a', { column: 'b', order: 'desc' }] },
      { name: 'ix_spell_partial', columns: ['b'], where: 'b > 0 AND c' },
    ],
  },
);
const child = defineTable(
  'spell_child',
  {
    k1: column.bigInteger().primaryKey(),
    k2: column.string().primaryKey(),
    parent_id: column.integer(),
    blob: column.largeBinary(),
    day: column.date(),
  },
  {
    foreignKeys: [
      {
        columns: ['parent_id'],
        references: { table: 'spell', columns: ['id'] },
        onDelete: 'CASCADE',
      },
    ],
  },
);
const spelled: TableDefinition[] = [spellTable, child];

/** More tables, each with an index and a foreign key, to see what reading them costs. */
const more = Array.from({ length: 5 }, (_, i) =>
  defineTable(
    `more_${i}`,
    { id: column.integer().primaryKey(), spell_id: column.integer(), note: column.text().unique() },
    {
      indexes: [{ name: `ix_more_${i}_note`, columns: ['note'], where: 'note IS NOT NULL' }],
      foreignKeys: [{ columns: ['spell_id'], references: { table: 'spell', columns: ['id'] } }],
    },
  ),
);

/** The tables above written the other ways each database accepts, as a person or a tool might. */
const OTHER_SPELLINGS: Record<DialectUnderTest, string[]> = {
  sqlite: [
    `CREATE TABLE spell (id INTEGER PRIMARY KEY, a varchar(20) NOT NULL DEFAULT ('x'),
      b BIGINT DEFAULT '0', c BOOLEAN NOT NULL DEFAULT TRUE, d DATETIME DEFAULT (datetime('now')),
      e INTEGER DEFAULT (5), f REAL DEFAULT 1.50, g TEXT, h BIGINT CONSTRAINT spell_h_uq UNIQUE)`,
    'CREATE INDEX ix_spell_a_b ON spell (A, b DESC)',
    'CREATE INDEX ix_spell_partial ON spell ("b") WHERE (b > 0) AND c',
    `CREATE TABLE spell_child (k1 BIGINT NOT NULL, k2 VARCHAR NOT NULL, parent_id INTEGER
      REFERENCES spell ON DELETE CASCADE, blob BLOB, day DATE, PRIMARY KEY (k1, k2))`,
  ],
  postgres: [
    `CREATE TABLE spell (id serial PRIMARY KEY, a character varying(20) NOT NULL DEFAULT 'x',
      b int8 DEFAULT '0', c bool NOT NULL DEFAULT 't', d timestamp DEFAULT now(),
      e int4 DEFAULT (5), f double precision DEFAULT 1.50, g text,
      h int8 CONSTRAINT spell_h_uq UNIQUE)`,
    'CREATE INDEX ix_spell_a_b ON spell (A, b DESC)',
    'CREATE INDEX ix_spell_partial ON spell ("b") WHERE (b > 0) AND c',
    `CREATE TABLE spell_child (k1 bigint NOT NULL, k2 varchar NOT NULL, parent_id int
      REFERENCES spell ON DELETE CASCADE, blob bytea, day date, CONSTRAINT pk PRIMARY KEY (k1, k2))`,
  ],
};

/** The tables of `list` with one table replaced through `edit`. */
function edited(
  list: readonly TableDefinition[],
  name: string,
  edit: (table: TableDefinition) => TableDefinition,
): TableDefinition[] {
  return list.map((t) => (t.name === name ? edit(t) : t));
}

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`compareSchema on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const handles: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(handles.splice(0).map((h) => h.close()));
    });
    async function fresh(): Promise<Kysely<unknown>> {
      const handle = await openDatabase(await freshDatabaseUrl(dialect, 'compare'));
      handles.push(handle);
      return handle.db;
    }
    async function run(db: QueryExecutorProvider, statements: readonly string[]): Promise<void> {
      for (const statement of statements) await sql.raw(statement).execute(db);
    }
    const differences = async (
      db: QueryExecutorProvider,
      list: readonly TableDefinition[],
      exclude?: string[],
    ) =>
      (await compareSchema({ db, dialect, models: list, ...(exclude ? { exclude } : {}) })).map(
        describeChange,
      );

    it('finds nothing between tables with partial indexes and the DDL they render', async () => {
      const db = await fresh();
      const models = [...spelled, ...more];
      const ddl = renderSchemaDdl(models, dialect);
      expect(ddl).toContain('CREATE INDEX ix_spell_partial ON spell (b) WHERE b > 0 AND c');
      await run(db, ddl);
      expect(await differences(db, models)).toEqual([]);
      const { changes, steps } = await autogenerate({ db, dialect, models });
      expect(changes).toEqual([]);
      expect(steps.upgrade).toEqual([]);
    });

    it('reads the whole schema in a number of queries that does not grow with the tables', async () => {
      const db = await fresh();
      let queries = 0;
      const counted = db.withPlugin({
        transformQuery: (args) => {
          queries += 1;
          return args.node;
        },
        transformResult: (args) => Promise.resolve(args.result),
      });
      const count = async () => {
        queries = 0;
        await introspectSchema(counted, dialect);
        return queries;
      };
      await run(db, OTHER_SPELLINGS[dialect]);
      const few = await count();
      await run(db, renderSchemaDdl(more, dialect));
      const schema = await introspectSchema(db, dialect);
      expect(schema.tables).toHaveLength(2 + more.length);
      expect(await count()).toBe(few);
      expect(few).toBeLessThanOrEqual(3);
    });

    it('takes equivalent spellings of types, defaults, names and predicates as equal', async () => {
      const db = await fresh();
      await run(db, OTHER_SPELLINGS[dialect]);
      expect(await differences(db, spelled)).toEqual([]);
    });

    it('finds each kind of difference', async () => {
      const db = await fresh();
      await run(db, OTHER_SPELLINGS[dialect]);
      const spell = (edit: (t: TableDefinition) => TableDefinition) =>
        edited(spelled, 'spell', edit);
      const withColumns = (t: TableDefinition, columns: TableDefinition['columns']) => ({
        ...t,
        columns,
      });
      const a = spelled[0]!.columns.find((c) => c.name === 'a')!;
      const others = (t: TableDefinition) => t.columns.filter((c) => c.name !== 'a');

      expect(await differences(db, [...spelled, more[0]!])).toEqual(['add table more_0']);
      expect(await differences(db, [spelled[0]!])).toEqual(['drop table spell_child']);
      expect(
        await differences(
          db,
          spell((t) =>
            withColumns(t, [
              ...t.columns,
              { ...a, name: 'z', nullable: true, serverDefault: null },
            ]),
          ),
        ),
      ).toEqual(['add column spell.z (varchar(20), nullable)']);
      expect(
        await differences(
          db,
          spell((t) => ({
            ...withColumns(t, others(t)),
            indexes: t.indexes.filter((i) => i.name !== 'ix_spell_a_b'),
          })),
        ),
      ).toEqual(['drop index ix_spell_a_b on spell', 'drop column spell.a']);
      expect(
        await differences(
          db,
          spell((t) =>
            withColumns(t, [
              {
                ...a,
                type: { kind: 'text' },
                nullable: true,
                serverDefault: { kind: 'literal', value: 'y' },
              },
              ...others(t),
            ]),
          ),
        ),
      ).toEqual([`alter column spell.a: type varchar(20) -> text, nullable, default 'x' -> 'y'`]);
      expect(
        await differences(
          db,
          spell((t) => ({
            ...t,
            indexes: [
              {
                name: 'ix_spell_a_b',
                columns: [
                  { name: 'b', descending: true },
                  { name: 'a', descending: false },
                ],
                unique: false,
              },
              {
                name: 'ix_spell_partial',
                columns: [{ name: 'b', descending: false }],
                unique: true,
                where: 'b > 1',
              },
            ],
          })),
        ),
      ).toEqual([
        'drop index ix_spell_a_b on spell',
        'drop index ix_spell_partial on spell',
        'add index ix_spell_a_b on spell (b desc, a)',
        'add index ix_spell_partial on spell (b) unique where b > 1',
      ]);
      expect(
        await differences(
          db,
          spell((t) =>
            withColumns(
              t,
              t.columns.map((c) => ({ ...c, unique: c.name === 'g' })),
            ),
          ),
        ),
      ).toEqual(['drop unique constraint on spell (h)', 'add unique constraint on spell (g)']);
      expect(
        await differences(
          db,
          edited(spelled, 'spell_child', (t) => ({
            ...t,
            primaryKey: ['k1'],
            foreignKeys: [{ ...t.foreignKeys[0]!, onDelete: null }],
          })),
        ),
      ).toEqual([
        'drop foreign key on spell_child (parent_id) -> spell (id) on delete cascade',
        'add foreign key on spell_child (parent_id) -> spell (id)',
        'change the primary key of spell_child from (k1, k2) to (k1)',
      ]);
    });
  });
}
