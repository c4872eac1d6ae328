import { describe, expect, it } from 'vitest';
import { column, defineTable, renderLogicalType, type LogicalType } from '@meshview/schema';
import { normaliseType, schemaFromModels } from '../../src/index.js';
import { logicalTypeOf } from '../../src/schema/definitions-from-schema.js';

const TYPES: readonly LogicalType[] = [
  ...Object.values(column).map((make) => make().spec.type),
  { kind: 'string', length: 20 },
];

describe.each(['sqlite', 'postgres'] as const)('schemaFromModels on %s', (dialect) => {
  it.each(TYPES.map((type) => [JSON.stringify(type), type] as const))(
    'reads the type %s as the models render it, and logicalTypeOf gives it back',
    (_, type) => {
      const table = defineTable('t', { c: column.text() });
      const model = { ...table, columns: [{ ...table.columns[0]!, type }] };
      const read = schemaFromModels([model], dialect).tables[0]!.columns[0]!.type;
      expect(read).toBe(normaliseType(renderLogicalType(type, dialect), dialect));
      expect(logicalTypeOf(read)).toEqual(type);
    },
  );

  it('reads defaults as rendered for the dialect, and keeps a partial index’s predicate', () => {
    const table = defineTable(
      't',
      {
        id: column.bigInteger().primaryKey().autoincrement(),
        on: column.boolean().serverDefault(true),
        n: column.integer().serverDefault(7),
        s: column.string().serverDefault("it's"),
        at: column.dateTime().serverDefault({ sql: 'CURRENT_TIMESTAMP' }),
      },
      { indexes: [{ name: 'ix_t_on', columns: ['on'], where: 'n > 0' }] },
    );
    const [read] = schemaFromModels([table], dialect).tables;
    expect(read!.columns.map((c) => [c.name, c.type, c.default])).toEqual([
      ['id', 'bigint', null],
      ['on', 'boolean', 'true'],
      ['n', 'integer', '7'],
      ['s', 'varchar', "'it''s'"],
      ['at', 'timestamp', 'current_timestamp'],
    ]);
    expect(read!.indexes).toEqual([
      {
        name: 'ix_t_on',
        columns: [{ name: 'on', descending: false }],
        unique: false,
        where: 'n > 0',
      },
    ]);
  });
});
