import { describe, expect, it } from 'vitest';
import { column, defineTable, sortTables } from '../src/index.js';
import { catchError } from '#test/catch-error.js';

const referencing = (name: string, ...targets: string[]) =>
  defineTable(
    name,
    { x: column.text() },
    {
      foreignKeys: targets.map((table) => ({
        columns: ['x' as const],
        references: { table, columns: ['x'] },
      })),
    },
  );

describe('sortTables', () => {
  it('puts referenced tables first, by name within a layer, like MetaData.sorted_tables', () => {
    const a = referencing('a', 'z');
    const z = defineTable('z', { x: column.text().primaryKey() });
    expect(sortTables([a, z]).map((t) => t.name)).toEqual(['z', 'a']);
    const tables = [referencing('d', 'b'), referencing('c'), referencing('b'), a, z];
    expect(sortTables(tables).map((t) => t.name)).toEqual(['b', 'c', 'z', 'a', 'd']);
  });

  it('ignores a table referencing itself and tables outside the list', () => {
    expect(
      sortTables([referencing('b', 'b'), referencing('a', 'elsewhere')]).map((t) => t.name),
    ).toEqual(['a', 'b']);
  });

  it('rejects a cycle', () => {
    const a = referencing('a', 'b');
    const b = referencing('b', 'a');
    const error = catchError(() => sortTables([a, b]));
    expect(error).toMatchObject({ code: 'SCHEMA_INVALID_TABLE_DEFINITION' });
    expect(error.message).toContain('cycle');
  });

  it("puts a cycle last, by name, when told to (cycles: 'last')", () => {
    const tables = [
      referencing('c', 'b'),
      referencing('b', 'c'),
      referencing('d', 'a'),
      referencing('a'),
    ];
    expect(sortTables(tables, { cycles: 'last' }).map((t) => t.name)).toEqual(['a', 'd', 'b', 'c']);
  });
});
