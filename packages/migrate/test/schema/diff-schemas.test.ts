import { describe, expect, it } from 'vitest';
import {
  describeChange,
  diffSchemas,
  renderSteps,
  type SchemaColumn,
  type SchemaTable,
} from '../../src/index.js';

const col = (name: string, type = 'bigint', extra: Partial<SchemaColumn> = {}): SchemaColumn => ({
  name,
  type,
  nullable: true,
  default: null,
  autoincrement: false,
  ...extra,
});
const table = (
  name: string,
  columns: SchemaColumn[],
  extra: Partial<SchemaTable> = {},
): SchemaTable => ({
  name,
  columns,
  primaryKey: [columns[0]!.name],
  indexes: [],
  uniques: [],
  foreignKeys: [],
  ...extra,
});
const fk = (columns: string[], referencedTable: string) => ({
  name: null,
  columns,
  referencedTable,
  referencedColumns: ['id'],
  onDelete: 'NO ACTION',
});

describe('diffSchemas', () => {
  it('finds nothing between equal schemas', () => {
    const schema = { tables: [table('a', [col('id'), col('x', 'text')])] };
    expect(diffSchemas(schema, schema)).toEqual([]);
  });

  it('creates referenced tables first and drops referencing tables first', () => {
    const parent = table('parent', [col('id')]);
    const child = table('child', [col('id'), col('parent_id')], {
      foreignKeys: [fk(['parent_id'], 'parent')],
    });
    expect(diffSchemas({ tables: [] }, { tables: [child, parent] }).map(describeChange)).toEqual([
      'add table parent',
      'add table child',
    ]);
    expect(diffSchemas({ tables: [child, parent] }, { tables: [] }).map(describeChange)).toEqual([
      'drop table child',
      'drop table parent',
    ]);
  });

  it('does not guess renames: a drop and an add, with a note in the script', () => {
    const before = { tables: [table('a', [col('id'), col('old_name', 'text')])] };
    const after = { tables: [table('a', [col('id'), col('new_name', 'text')])] };
    const changes = diffSchemas(before, after);
    expect(changes.map(describeChange)).toEqual([
      'add column a.new_name (text, nullable)',
      'drop column a.old_name',
    ]);
    const steps = renderSteps({ changes, models: [], dialect: 'sqlite' });
    expect(steps.upgrade[0]).toMatch(
      /Renames are not guessed: if a\.old_name was renamed to new_name/,
    );
    expect(steps.upgrade.join('\n')).toContain("ctx.op.renameColumn('a', 'old_name', 'new_name')");
    expect(steps.destructive).toBe(1);
  });

  it('marks drops and narrowing types as destructive, widening and adding not', () => {
    const before = {
      tables: [
        table('a', [col('id'), col('n', 'varchar(20)'), col('w', 'integer')]),
        table('gone', [col('id')]),
      ],
    };
    const after = {
      tables: [table('a', [col('id'), col('n', 'varchar(10)'), col('w', 'bigint'), col('added')])],
    };
    const steps = renderSteps({
      changes: diffSchemas(before, after),
      models: [],
      dialect: 'postgres',
    });
    const marked = steps.upgrade.filter((l) => l.includes('@destructive'));
    expect(marked).toHaveLength(2);
    expect(marked[0]).toMatch(/changes a\.n from varchar\(20\) to varchar\(10\)/);
    expect(marked[1]).toMatch(/drops table gone and every row in it/);
    // The downgrade undoes the upgrade; it carries no marker.
    expect(steps.downgrade.join('\n')).not.toContain('@destructive');
  });
});
