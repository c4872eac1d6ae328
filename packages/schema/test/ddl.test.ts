import { describe, expect, it } from 'vitest';
import {
  column,
  defineTable,
  renderColumnType,
  renderCreateIndex,
  renderCreateTable,
  renderLogicalType,
  renderSchemaDdl,
  renderTableDdl,
} from '../src/index.js';

const example = defineTable(
  'example',
  {
    id: column.integer().primaryKey().autoincrement(),
    name: column.string({ length: 100 }).notNull(),
    description: column.text(),
    value: column.float(),
    is_active: column.boolean().notNull().serverDefault('1'),
    created_at: column.dateTime().notNull().serverDefault({ sql: 'CURRENT_TIMESTAMP' }),
    order: column.bigInteger().unique(),
    Owner: column.string(),
  },
  {
    indexes: [
      {
        name: 'idx_example_name',
        columns: ['name', { column: 'value', order: 'desc' }],
        unique: true,
      },
    ],
    foreignKeys: [
      {
        name: 'fk_example_owner',
        columns: ['Owner'],
        references: { table: 'node', columns: ['id'] },
        onDelete: 'CASCADE',
      },
    ],
  },
);

describe('DDL rendering', () => {
  it('renders SQLite types, defaults, quoting and constraints', () => {
    expect(renderTableDdl(example, 'sqlite')).toEqual([
      'CREATE TABLE example (\n' +
        '\tid INTEGER NOT NULL, \n' +
        '\tname VARCHAR(100) NOT NULL, \n' +
        '\tdescription TEXT, \n' +
        '\tvalue FLOAT, \n' +
        "\tis_active BOOLEAN DEFAULT '1' NOT NULL, \n" +
        '\tcreated_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL, \n' +
        '\t"order" BIGINT, \n' +
        '\t"Owner" VARCHAR, \n' +
        '\tPRIMARY KEY (id), \n' +
        '\tUNIQUE ("order"), \n' +
        '\tCONSTRAINT fk_example_owner FOREIGN KEY("Owner") REFERENCES node (id) ON DELETE CASCADE\n' +
        ')',
      'CREATE UNIQUE INDEX idx_example_name ON example (name, value DESC)',
    ]);
  });

  it('renders PostgreSQL spellings: SERIAL, TIMESTAMP WITHOUT TIME ZONE, boolean literals', () => {
    const table = defineTable('t', {
      id: column.bigInteger().primaryKey().autoincrement(),
      at: column.dateTime(),
      ok: column.boolean().serverDefault(false),
      n: column.integer().serverDefault(7),
      raw: column.largeBinary().serverDefault({ sqlite: "x''", postgres: "'\\x'::bytea" }),
    });
    expect(renderCreateTable(table, 'postgres')).toBe(
      'CREATE TABLE t (\n\tid BIGSERIAL NOT NULL, \n\tat TIMESTAMP WITHOUT TIME ZONE, \n' +
        "\tok BOOLEAN DEFAULT false, \n\tn INTEGER DEFAULT 7, \n\traw BYTEA DEFAULT '\\x'::bytea, \n" +
        '\tPRIMARY KEY (id)\n)',
    );
    expect(renderCreateTable(table, 'sqlite')).toContain('\tok BOOLEAN DEFAULT 0, \n');
    expect(renderCreateTable(table, 'sqlite')).toContain("\traw BLOB DEFAULT x'', \n");
  });

  it('spells a logical type the same in a column, except SERIAL for autoincrement', () => {
    // Every logical type, as the column builders make them.
    const kinds = Object.values(column).map((make) => make().spec.type);
    expect(kinds).toHaveLength(9);
    for (const dialect of ['sqlite', 'postgres'] as const) {
      for (const type of kinds) {
        expect(renderColumnType({ type, autoincrement: false }, dialect)).toBe(
          renderLogicalType(type, dialect),
        );
      }
    }
    expect(renderColumnType({ type: { kind: 'integer' }, autoincrement: true }, 'postgres')).toBe(
      'SERIAL',
    );
    expect(renderColumnType({ type: { kind: 'integer' }, autoincrement: true }, 'sqlite')).toBe(
      'INTEGER',
    );
  });

  it('escapes quotes in string defaults', () => {
    const table = defineTable('t', { s: column.string().serverDefault("it's") });
    expect(renderCreateTable(table, 'sqlite')).toBe(
      "CREATE TABLE t (\n\ts VARCHAR DEFAULT 'it''s'\n)",
    );
  });

  it.each(['sqlite', 'postgres'] as const)(
    'renders a partial index with its WHERE, after the columns (%s)',
    (dialect) => {
      const table = defineTable(
        'job',
        { id: column.integer().primaryKey(), state: column.string(), due: column.bigInteger() },
        {
          indexes: [
            {
              name: 'ix_job_pending',
              columns: [{ column: 'due', order: 'desc' }],
              where: "state = 'pending'",
            },
          ],
        },
      );
      expect(renderTableDdl(table, dialect)[1]).toBe(
        "CREATE INDEX ix_job_pending ON job (due DESC) WHERE state = 'pending'",
      );
      expect(renderCreateIndex('job', table.indexes[0]!, dialect)).toBe(
        renderTableDdl(table, dialect)[1],
      );
    },
  );

  it('creates referenced tables first, each followed by its indexes by name', () => {
    const owner = defineTable('node', { id: column.string().primaryKey() });
    const second = defineTable(
      'another',
      { a: column.text(), b: column.text() },
      {
        indexes: [
          { name: 'ix_b', columns: ['b'] },
          { name: 'ix_a', columns: ['a'] },
        ],
      },
    );
    const statements = renderSchemaDdl([example, second, owner], 'sqlite');
    expect(statements.map((s) => s.split(' (')[0])).toEqual([
      'CREATE TABLE another',
      'CREATE INDEX ix_a ON another',
      'CREATE INDEX ix_b ON another',
      'CREATE TABLE node',
      'CREATE TABLE example',
      'CREATE UNIQUE INDEX idx_example_name ON example',
    ]);
  });
});
