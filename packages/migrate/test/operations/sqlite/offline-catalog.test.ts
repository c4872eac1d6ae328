import { describe, expect, it } from 'vitest';
import { learnStatement } from '../../../src/operations/sqlite/offline-catalog.js';
import { renderSqliteTable } from '../../../src/operations/sqlite/render-sqlite-table.js';
import { SqliteCatalog } from '../../../src/operations/sqlite/sqlite-table.js';

describe('learnStatement (offline SQL on SQLite)', () => {
  it('follows CREATE, ALTER and DROP statements to each table as they leave it', () => {
    const catalog = new SqliteCatalog();
    for (const statement of [
      'CREATE TABLE p (id INTEGER PRIMARY KEY)',
      'CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER, note TEXT, FOREIGN KEY(pid) REFERENCES p (pid))',
      'CREATE INDEX ix_c_pid ON c (pid)',
      'CREATE TRIGGER tr_c AFTER INSERT ON c BEGIN SELECT 1; END',
      'ALTER TABLE c ADD COLUMN extra INTEGER DEFAULT 3',
      'ALTER TABLE c RENAME COLUMN pid TO parent_id',
      'ALTER TABLE c DROP COLUMN note',
      'ALTER TABLE p RENAME TO parent',
      'DROP INDEX ix_nothing',
    ]) {
      learnStatement(catalog, statement);
    }
    expect([...catalog.keys()].sort()).toEqual(['c', 'parent']);
    const c = catalog.get('c')!;
    // The referenced column belongs to the other table and keeps its name; the referenced table
    // follows p's rename.
    expect(renderSqliteTable(c)).toBe(
      'CREATE TABLE c (\n\tid INTEGER PRIMARY KEY, \n\tparent_id INTEGER, \n\textra INTEGER DEFAULT 3, ' +
        '\n\tFOREIGN KEY(parent_id) REFERENCES parent (pid)\n)',
    );
    expect(c.indexes.map((i) => i.sql)).toEqual(['CREATE INDEX ix_c_pid ON c (parent_id)']);
    expect(c.triggers.map((t) => t.name)).toEqual(['tr_c']);
    // Renamed parent: the child's foreign key follows, as SQLite makes it.
    learnStatement(catalog, 'CREATE TABLE k (id INTEGER, pid INTEGER REFERENCES parent (id))');
    learnStatement(catalog, 'CREATE INDEX ix_parent ON parent (id)');
    learnStatement(catalog, 'ALTER TABLE parent RENAME TO "Mother"');
    expect(catalog.get('k')!.columns[1]!.constraints[0]!.text).toBe('REFERENCES "Mother" (id)');
    expect(catalog.get('mother')!.indexes[0]!.sql).toBe('CREATE INDEX ix_parent ON "Mother" (id)');
    // ... but not while legacy_alter_table is on (a rebuild renames the old table aside).
    learnStatement(catalog, 'PRAGMA legacy_alter_table = ON');
    learnStatement(catalog, 'ALTER TABLE "Mother" RENAME TO _mother_old');
    learnStatement(catalog, 'PRAGMA legacy_alter_table = OFF');
    expect(catalog.get('k')!.columns[1]!.constraints[0]!.text).toBe('REFERENCES "Mother" (id)');
    learnStatement(catalog, 'ALTER TABLE _mother_old RENAME TO "Mother"');
    learnStatement(catalog, 'DROP TABLE c');
    learnStatement(catalog, 'DROP TABLE k');
    expect([...catalog.keys()]).toEqual(['mother']);
  });
});
