import { describe, expect, it } from 'vitest';
import { column, defineTable } from '../src/index.js';
import { catchError } from '#test/catch-error.js';

const reading = defineTable(
  'reading',
  {
    station: column.string().primaryKey(),
    taken_at: column.bigInteger().primaryKey(),
    serial: column.bigInteger().unique(),
    value: column.float(),
    note: column.text(),
  },
  {
    indexes: [
      {
        name: 'ix_reading_serial_time',
        columns: ['serial', { column: 'taken_at', order: 'desc' }],
      },
      { name: 'ix_reading_noted', columns: ['station'], unique: true, where: 'note IS NOT NULL' },
    ],
    foreignKeys: [{ columns: ['station'], references: { table: 'station', columns: ['id'] } }],
  },
);

describe('defineTable', () => {
  it('keeps the columns in order, as plain frozen data', () => {
    expect(reading.columns.map((c) => c.name)).toEqual([
      'station',
      'taken_at',
      'serial',
      'value',
      'note',
    ]);
    expect(reading.columns[2]).toEqual({
      name: 'serial',
      type: { kind: 'bigInteger' },
      nullable: true,
      primaryKey: false,
      autoincrement: false,
      unique: true,
      serverDefault: null,
    });
    expect(Object.isFrozen(reading)).toBe(true);
    expect(Object.isFrozen(reading.columns[0]?.type)).toBe(true);
    expect(JSON.parse(JSON.stringify(reading))).toEqual(reading);
  });

  it('lists a composite primary key in column order, its columns NOT NULL', () => {
    expect(reading.primaryKey).toEqual(['station', 'taken_at']);
    expect(reading.columns.slice(0, 2).every((c) => !c.nullable)).toBe(true);
  });

  it('normalises indexes and foreign keys', () => {
    expect(reading.indexes[0]).toStrictEqual({
      name: 'ix_reading_serial_time',
      columns: [
        { name: 'serial', descending: false },
        { name: 'taken_at', descending: true },
      ],
      unique: false,
    });
    expect(reading.foreignKeys).toEqual([
      {
        name: null,
        columns: ['station'],
        referencedTable: 'station',
        referencedColumns: ['id'],
        onDelete: null,
      },
    ]);
  });

  it('keeps a partial index’s predicate, and gives an index on every row none', () => {
    expect(reading.indexes[1]).toStrictEqual({
      name: 'ix_reading_noted',
      columns: [{ name: 'station', descending: false }],
      unique: true,
      where: 'note IS NOT NULL',
    });
    expect('where' in reading.indexes[0]!).toBe(false);
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
      'an empty partial-index predicate',
      () =>
        defineTable(
          't',
          { a: column.text() },
          { indexes: [{ name: 'i', columns: ['a'], where: ' ' }] },
        ),
      'empty where',
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
    const error = catchError(define);
    expect(error).toMatchObject({ code: 'SCHEMA_INVALID_TABLE_DEFINITION' });
    expect(error.message).toContain(problem);
  });
});
