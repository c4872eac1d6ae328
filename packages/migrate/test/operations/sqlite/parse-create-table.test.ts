import { describe, expect, it } from 'vitest';
import { parseCreateTable } from '../../../src/operations/sqlite/parse-create-table.js';
import { renderSqliteTable } from '../../../src/operations/sqlite/render-sqlite-table.js';

const TRICKY =
  'CREATE TABLE IF NOT EXISTS main."t" (\n\ta INTEGER DEFAULT NULL NOT NULL, ' +
  "\n\tb VARCHAR(20) CONSTRAINT ck CHECK (b <> 'x,y') COLLATE NOCASE, " +
  '\n\tc INTEGER REFERENCES p(id) ON DELETE SET NULL NOT DEFERRABLE NOT NULL, ' +
  '\n\td DECIMAL(10, 2) DEFAULT -1.5 UNIQUE, ' +
  '\n\tg INT GENERATED ALWAYS AS (a + 1) STORED, ' +
  '\n\t"we""ird" TEXT, -- a comment, with a comma\n' +
  '\n\tPRIMARY KEY (a, b), \n\tCONSTRAINT fk FOREIGN KEY(c) REFERENCES p (id), ' +
  'UNIQUE (b COLLATE NOCASE, d), CHECK (a > 0)\n) WITHOUT ROWID, STRICT';

describe('parseCreateTable', () => {
  it('splits a table into columns and constraints, each kept as written', () => {
    const table = parseCreateTable(TRICKY);
    expect(table.name).toBe('t');
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ['a', 'INTEGER'],
      ['b', 'VARCHAR(20)'],
      ['c', 'INTEGER'],
      ['d', 'DECIMAL(10, 2)'],
      ['g', 'INT'],
      ['we"ird', 'TEXT'],
    ]);
    expect(table.columns.map((c) => c.constraints.map((k) => k.kind))).toEqual([
      ['default', 'notNull'],
      ['check', 'collate'],
      ['references', 'notNull'],
      ['default', 'unique'],
      ['generated'],
      [],
    ]);
    expect(table.columns[1]!.constraints[0]!).toMatchObject({
      name: 'ck',
      text: "CONSTRAINT ck CHECK (b <> 'x,y')",
    });
    expect(table.columns[2]!.constraints[0]!.text).toBe(
      'REFERENCES p(id) ON DELETE SET NULL NOT DEFERRABLE',
    );
    expect(table.constraints.map((c) => [c.kind, c.name, c.columns])).toEqual([
      ['primaryKey', null, ['a', 'b']],
      ['foreignKey', 'fk', ['c']],
      ['unique', null, ['b', 'd']],
      ['check', null, []],
    ]);
    expect(table.constraints[3]!.expression).toBe('a > 0');
    expect(table.withoutRowid).toBe(true);
    expect(table.options).toBe(' WITHOUT ROWID, STRICT');
  });

  it('renders the parts back in SQLAlchemy layout with the text of each part', () => {
    expect(renderSqliteTable(parseCreateTable(TRICKY))).toBe(
      'CREATE TABLE "t" (\n\ta INTEGER DEFAULT NULL NOT NULL, ' +
        "\n\tb VARCHAR(20) CONSTRAINT ck CHECK (b <> 'x,y') COLLATE NOCASE, " +
        '\n\tc INTEGER REFERENCES p(id) ON DELETE SET NULL NOT DEFERRABLE NOT NULL, ' +
        '\n\td DECIMAL(10, 2) DEFAULT -1.5 UNIQUE, ' +
        '\n\tg INT GENERATED ALWAYS AS (a + 1) STORED, ' +
        '\n\t"we""ird" TEXT, ' +
        '\n\tPRIMARY KEY (a, b), \n\tCONSTRAINT fk FOREIGN KEY(c) REFERENCES p (id), ' +
        '\n\tUNIQUE (b COLLATE NOCASE, d), \n\tCHECK (a > 0)\n) WITHOUT ROWID, STRICT',
    );
  });

  it('refuses what it cannot read, saying what it saw', () => {
    expect(() => parseCreateTable('CREATE TABLE t AS SELECT 1')).toThrow(
      /AS SELECT is not supported/,
    );
    expect(() => parseCreateTable('CREATE VIEW v AS SELECT 1')).toThrow(/not CREATE TABLE/);
  });
});
