import { describe, expect, it } from 'vitest';
import {
  column,
  defineTable,
  nodeTable,
  packetSeenTable,
  sortTables,
  tables,
  tracerouteTable,
} from '../src/index.js';

const invalid = (problem: string) =>
  expect.objectContaining({
    code: 'DB_INVALID_TABLE_DEFINITION',
    message: expect.stringContaining(problem),
  });

describe('defineTable', () => {
  it('keeps the columns in order, as plain frozen data', () => {
    expect(nodeTable.columns.map((c) => c.name)).toEqual([
      'id',
      'node_id',
      'long_name',
      'short_name',
      'hw_model',
      'firmware',
      'role',
      'last_lat',
      'last_long',
      'channel',
      'is_mqtt_gateway',
      'first_seen_us',
      'last_seen_us',
    ]);
    expect(nodeTable.columns[1]).toEqual({
      name: 'node_id',
      type: { kind: 'bigInteger' },
      nullable: true,
      primaryKey: false,
      autoincrement: false,
      unique: true,
      serverDefault: null,
    });
    expect(Object.isFrozen(nodeTable)).toBe(true);
    expect(Object.isFrozen(nodeTable.columns[0]?.type)).toBe(true);
    expect(JSON.parse(JSON.stringify(nodeTable))).toEqual(nodeTable);
  });

  it('lists a composite primary key in column order, its columns NOT NULL', () => {
    expect(packetSeenTable.primaryKey).toEqual(['packet_id', 'node_id', 'rx_time']);
    expect(packetSeenTable.columns.slice(0, 3).every((c) => !c.nullable)).toBe(true);
  });

  it('normalises indexes and foreign keys', () => {
    expect(tables.packet.indexes[3]).toEqual({
      name: 'idx_packet_from_node_time_us',
      columns: [
        { name: 'from_node_id', descending: false },
        { name: 'import_time_us', descending: true },
      ],
      unique: false,
    });
    expect(tracerouteTable.foreignKeys).toEqual([
      {
        name: null,
        columns: ['packet_id'],
        referencedTable: 'packet',
        referencedColumns: ['id'],
        onDelete: null,
      },
    ]);
  });

  it('does not let one builder change another', () => {
    const base = column.bigInteger();
    base.notNull();
    expect(base.spec.nullable).toBe(true);
  });

  it.each([
    ['no columns', () => defineTable('t', {}), 'no columns'],
    [
      'a numeric column name',
      () => defineTable('t', { a: column.text(), 1: column.text() }),
      '"1"',
    ],
    [
      'autoincrement on a string',
      () => defineTable('t', { id: column.string().primaryKey().autoincrement() }),
      'not an integer',
    ],
    [
      'autoincrement in a composite key',
      () =>
        defineTable('t', {
          a: column.integer().primaryKey().autoincrement(),
          b: column.integer().primaryKey(),
        }),
      'only primary key column',
    ],
    [
      'an index on an unknown column',
      () =>
        defineTable('t', { a: column.text() }, { indexes: [{ name: 'i', columns: ['b' as 'a'] }] }),
      'unknown column "b"',
    ],
    [
      'a duplicate index name',
      () =>
        defineTable(
          't',
          { a: column.text() },
          {
            indexes: [
              { name: 'i', columns: ['a'] },
              { name: 'i', columns: ['a'] },
            ],
          },
        ),
      'used twice',
    ],
    [
      'a foreign key of mismatched width',
      () =>
        defineTable(
          't',
          { a: column.text() },
          { foreignKeys: [{ columns: ['a'], references: { table: 'u', columns: ['x', 'y'] } }] },
        ),
      'differ in number',
    ],
    ['a zero string length', () => defineTable('t', { a: column.string({ length: 0 }) }), 'length'],
  ])('rejects %s', (_, define, problem) => {
    expect(define).toThrow(invalid(problem));
  });
});

describe('sortTables', () => {
  it('puts referenced tables first, by name within a layer, like MetaData.sorted_tables', () => {
    expect(sortTables(Object.values(tables)).map((t) => t.name)).toEqual([
      'daily_snapshot',
      'node',
      'node_public_key',
      'packet',
      'stats_daily',
      'stats_hourly',
      'stats_recipient_daily',
      'stats_recipient_hourly',
      'stats_sender_daily',
      'stats_sender_hourly',
      'writer_stats',
      'packet_seen',
      'traceroute',
    ]);
    const a = defineTable(
      'a',
      { x: column.text() },
      { foreignKeys: [{ columns: ['x'], references: { table: 'z', columns: ['x'] } }] },
    );
    const z = defineTable('z', { x: column.text().primaryKey() });
    expect(sortTables([a, z]).map((t) => t.name)).toEqual(['z', 'a']);
  });

  it('rejects a cycle', () => {
    const fk = (table: string) => ({
      foreignKeys: [{ columns: ['x' as const], references: { table, columns: ['x'] } }],
    });
    const a = defineTable('a', { x: column.text() }, fk('b'));
    const b = defineTable('b', { x: column.text() }, fk('a'));
    expect(() => sortTables([a, b])).toThrow(invalid('cycle'));
  });
});
