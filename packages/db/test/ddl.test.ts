import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  column,
  defineTable,
  renderCreateTable,
  renderSchemaDdl,
  renderTableDdl,
  tables,
  type DialectName,
} from '../src/index.js';
import { repoRoot } from '#test/tmp.js';

function reference(dialect: DialectName): string {
  const text = readFileSync(
    join(repoRoot, 'test', 'fixtures', `meshview-schema.${dialect}.sql`),
    'utf8',
  );
  return text
    .split('\n')
    .filter((line) => !line.startsWith('-- '))
    .join('\n');
}

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

const MESHVIEW_TABLES = [
  'node',
  'packet',
  'packet_seen',
  'traceroute',
  'node_public_key',
  'daily_snapshot',
];

const READER_INDEXES = [
  'idx_packet_portnum_time_us',
  'idx_packet_channel_time_us',
  'idx_packet_to_node_time_us',
  'idx_packet_from_node_portnum_time_us',
];

describe('DDL rendering', () => {
  it.each(['sqlite', 'postgres'] as const)(
    "renders MeshView's tables exactly as SQLAlchemy 1.4's create_all does (%s)",
    (dialect) => {
      // MeshView's own tables, not ours (writer_stats, the stats roll-ups).
      const meshview = Object.values(tables).filter((t) => MESHVIEW_TABLES.includes(t.name));
      // The reader's indexes on MeshView's tables are ours too (migration a1c3e5f7b9d2).
      const ours = (statement: string) => READER_INDEXES.some((n) => statement.includes(` ${n} `));
      const ddl = renderSchemaDdl(meshview, dialect)
        .filter((statement) => !ours(statement))
        .map((statement) => `${statement};\n`)
        .join('');
      expect(ddl).toBe(reference(dialect));
    },
  );

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

  it('escapes quotes in string defaults', () => {
    const table = defineTable('t', { s: column.string().serverDefault("it's") });
    expect(renderCreateTable(table, 'sqlite')).toBe(
      "CREATE TABLE t (\n\ts VARCHAR DEFAULT 'it''s'\n)",
    );
  });
});
