import { describe, expect, it } from 'vitest';
import type { MigrateError } from '../../../src/index.js';
import { applyTableChanges } from '../../../src/operations/sqlite/apply-table-changes.js';
import { parseCreateTable } from '../../../src/operations/sqlite/parse-create-table.js';
import { renderSqliteTable } from '../../../src/operations/sqlite/render-sqlite-table.js';

const TABLE = parseCreateTable(
  'CREATE TABLE node (\n\tid VARCHAR NOT NULL, \n\tnode_id BIGINT, \n\trole VARCHAR, ' +
    "\n\tPRIMARY KEY (id), \n\tUNIQUE (node_id), \n\tCONSTRAINT ck_role CHECK (role <> '')\n)",
  {
    indexes: [
      {
        name: 'idx_node_node_id',
        sql: 'CREATE INDEX idx_node_node_id ON node (node_id)',
        columns: ['node_id'],
      },
      {
        name: 'idx_node_role',
        sql: 'CREATE INDEX idx_node_role ON node (role)',
        columns: ['role'],
      },
    ],
  },
);

describe('applyTableChanges', () => {
  it('drops a column with the constraints and indexes that use it, and copies the rest', () => {
    const plan = applyTableChanges(TABLE, [{ kind: 'dropColumn', name: 'role' }]);
    expect(renderSqliteTable(plan.table)).toBe(
      'CREATE TABLE node (\n\tid VARCHAR NOT NULL, \n\tnode_id BIGINT, \n\tPRIMARY KEY (id), \n\tUNIQUE (node_id)\n)',
    );
    expect(plan.table.indexes.map((i) => i.name)).toEqual(['idx_node_node_id']);
    expect(plan.copy).toEqual([
      { column: 'id', expression: 'id', generated: false },
      { column: 'node_id', expression: 'node_id', generated: false },
    ]);
  });

  it('alters type, default and nullability in SQLAlchemy order, and casts only when asked', () => {
    const plan = applyTableChanges(TABLE, [
      {
        kind: 'alterColumn',
        name: 'role',
        changes: {
          type: { kind: 'integer' },
          nullable: false,
          serverDefault: { kind: 'literal', value: 0 },
          using: 'CAST(role AS INTEGER)',
        },
      },
      { kind: 'dropConstraint', constraint: { kind: 'unique', columns: ['node_id'] } },
      { kind: 'addUnique', constraint: { name: 'uq_node_role', columns: ['role', 'node_id'] } },
    ]);
    expect(renderSqliteTable(plan.table)).toBe(
      'CREATE TABLE node (\n\tid VARCHAR NOT NULL, \n\tnode_id BIGINT, \n\trole INTEGER DEFAULT 0 NOT NULL, ' +
        "\n\tPRIMARY KEY (id), \n\tCONSTRAINT ck_role CHECK (role <> ''), \n\tCONSTRAINT uq_node_role UNIQUE (role, node_id)\n)",
    );
    expect(plan.copy[2]).toEqual({
      column: 'role',
      expression: 'CAST(role AS INTEGER)',
      generated: false,
    });
  });

  it('names the table and what it has when a change names something it does not have', () => {
    const codeAndMessage = (run: () => unknown): [string, string] => {
      try {
        run();
      } catch (error) {
        return [(error as MigrateError).code, (error as Error).message];
      }
      return ['', ''];
    };
    const [code, message] = codeAndMessage(() =>
      applyTableChanges(TABLE, [{ kind: 'dropConstraint', constraint: 'uq_nope' }]),
    );
    expect(code).toBe('MIGRATE_OPERATION_INVALID');
    expect(message).toContain('table node: has no constraint "uq_nope"');
    expect(message).toContain("CONSTRAINT ck_role CHECK (role <> '')");
    expect(
      codeAndMessage(() => applyTableChanges(TABLE, [{ kind: 'dropColumn', name: 'nope' }]))[1],
    ).toContain('has no column "nope" (it has id, node_id, role)');
  });
});
