import { quoteIdentifier } from '@meshview/schema';
import { indexColumns, parseCreateTable } from './parse-create-table.js';
import { identifierOf, isKeyword, tokenize, type Token } from './sql-tokens.js';
import type { SqliteCatalog, SqliteTable } from './sqlite-table.js';
import { triggerName } from './triggers.js';

const key = (name: string): string => name.toLowerCase();

/**
 * Offline SQL on SQLite: follows the statements a run records (CREATE/DROP TABLE, INDEX and
 * TRIGGER; ALTER TABLE RENAME, ADD and DROP COLUMN) to keep each table's definition, so a later
 * rebuild in the same run needs no database. Statements it does not understand change nothing.
 */
export function learnStatement(catalog: SqliteCatalog, sql: string): void {
  const tokens = tokenize(sql);
  const word = (i: number): string =>
    tokens[i]?.kind === 'word' ? tokens[i].text.toUpperCase() : '';
  if (word(0) === 'CREATE') {
    let i = 1;
    if (word(i) === 'TEMP' || word(i) === 'TEMPORARY' || word(i) === 'UNIQUE') i += 1;
    if (word(i) === 'TABLE') {
      try {
        const table = parseCreateTable(sql);
        catalog.set(key(table.name), table);
      } catch {
        // CREATE TABLE … AS SELECT: not a table a rebuild could use.
      }
    } else if (word(i) === 'INDEX') {
      const on = tokens.findIndex((t) => isKeyword(t, 'ON'));
      const table = catalog.get(key(identifierOf(tokens[on + 1]) ?? ''));
      const name = identifierOf(tokens[on - 1]) ?? '';
      if (table) {
        const index = { name, sql, columns: indexColumns(sql) };
        catalog.set(key(table.name), { ...table, indexes: [...table.indexes, index] });
      }
    } else if (word(i) === 'TRIGGER') {
      const on = tokens.findIndex((t, k) => k > i + 1 && isKeyword(t, 'ON'));
      const table = catalog.get(key(identifierOf(tokens[on + 1]) ?? ''));
      if (table) {
        const trigger = { name: triggerName(sql), sql };
        catalog.set(key(table.name), { ...table, triggers: [...table.triggers, trigger] });
      }
    }
    return;
  }
  if (word(0) === 'DROP') {
    const name = key(identifierOf(tokens[word(2) === 'IF' ? 4 : 2]) ?? '');
    if (word(1) === 'TABLE') catalog.delete(name);
    for (const [k, table] of catalog) {
      if (word(1) === 'INDEX') {
        catalog.set(k, { ...table, indexes: table.indexes.filter((x) => key(x.name) !== name) });
      }
      if (word(1) === 'TRIGGER') {
        catalog.set(k, { ...table, triggers: table.triggers.filter((x) => key(x.name) !== name) });
      }
    }
    return;
  }
  if (word(0) === 'ALTER' && word(1) === 'TABLE') learnAlter(catalog, sql, tokens);
  if (word(0) === 'PRAGMA' && tokens[1]?.text.toLowerCase() === 'legacy_alter_table') {
    catalog.legacyAlterTable = /^(on|1|true|yes)$/i.test(tokens[3]?.text ?? '');
  }
}

function learnAlter(catalog: SqliteCatalog, sql: string, tokens: readonly Token[]): void {
  const table = catalog.get(key(identifierOf(tokens[2]) ?? ''));
  if (!table) return;
  const action = tokens[3]?.text.toUpperCase();
  const at = isKeyword(tokens[4], 'COLUMN') ? 5 : 4;
  if (action === 'RENAME' && isKeyword(tokens[4], 'TO')) {
    const to = identifierOf(tokens[5])!;
    catalog.delete(key(table.name));
    catalog.set(key(to), {
      ...table,
      name: to,
      nameText: quoteIdentifier(to, 'sqlite'),
      text: undefined,
      indexes: table.indexes.map((i) => ({ ...i, sql: renameTokens(i.sql, table.name, to) })),
      triggers: table.triggers.map((t) => ({ ...t, sql: renameTokens(t.sql, table.name, to) })),
    });
    // As SQLite does, other tables' foreign keys follow the rename, unless legacy_alter_table
    // is on (as during a rebuild's rename aside).
    if (!catalog.legacyAlterTable) {
      for (const [k, other] of catalog) {
        if (k !== key(to)) catalog.set(k, renameReferences(other, table.name, to));
      }
    }
  } else if (action === 'RENAME') {
    const from = identifierOf(tokens[at])!;
    const to = identifierOf(tokens[at + 2])!;
    catalog.set(key(table.name), renameColumnInTable(table, from, to));
  } else if (action === 'ADD') {
    const definition = sql.slice(tokens[at]!.start);
    const column = parseCreateTable(`CREATE TABLE t (${definition})`).columns[0]!;
    catalog.set(key(table.name), {
      ...table,
      columns: [...table.columns, column],
      text: undefined,
    });
  } else if (action === 'DROP') {
    const name = key(identifierOf(tokens[at]) ?? '');
    const columns = table.columns.filter((c) => key(c.name) !== name);
    catalog.set(key(table.name), { ...table, columns, text: undefined });
  }
}

/**
 * What SQLite's `RENAME COLUMN` does to a table's text, for offline SQL: the column, and the
 * mentions of it in the table's own constraints and indexes (not the columns a foreign key
 * references, which belong to the other table). Triggers are left as they are.
 */
export function renameColumnInTable(table: SqliteTable, from: string, to: string): SqliteTable {
  const toText = quoteIdentifier(to, 'sqlite');
  const rename = (text: string, until = Infinity): string => {
    let out = '';
    let last = 0;
    for (const t of tokenize(text)) {
      if (t.start >= until) break;
      if ((t.kind === 'word' || t.kind === 'quoted') && key(identifierOf(t)!) === key(from)) {
        out += text.slice(last, t.start) + toText;
        last = t.end;
      }
    }
    return out + text.slice(last);
  };
  const beforeReferences = (text: string): number =>
    tokenize(text).find((t) => isKeyword(t, 'REFERENCES'))?.start ?? Infinity;
  return {
    ...table,
    text: undefined,
    columns: table.columns.map((c) =>
      key(c.name) === key(from)
        ? {
            ...c,
            name: to,
            nameText: toText,
            text: c.text && toText + c.text.slice(c.nameText.length),
          }
        : c,
    ),
    constraints: table.constraints.map((c) => {
      const text = rename(c.text, c.kind === 'foreignKey' ? beforeReferences(c.text) : Infinity);
      return parseCreateTable(`CREATE TABLE t (x, ${text})`).constraints[0]!;
    }),
    indexes: table.indexes.map((index) => {
      const on = tokenize(index.sql).find((t) => isKeyword(t, 'ON'))!;
      const sql = index.sql.slice(0, on.end) + rename(index.sql.slice(on.end));
      return { ...index, sql, columns: indexColumns(sql) };
    }),
  };
}

/** Replaces every mention of the name `from` (bare or quoted) in `sql` with `to`. */
function renameTokens(sql: string, from: string, to: string): string {
  let out = '';
  let last = 0;
  for (const t of tokenize(sql)) {
    if ((t.kind === 'word' || t.kind === 'quoted') && key(identifierOf(t)!) === key(from)) {
      out += sql.slice(last, t.start) + quoteIdentifier(to, 'sqlite');
      last = t.end;
    }
  }
  return out + sql.slice(last);
}

/** A table whose foreign keys referencing `from` now reference `to`. */
function renameReferences(table: SqliteTable, from: string, to: string): SqliteTable {
  const follow = (text: string): string => {
    const tokens = tokenize(text);
    const at = tokens.findIndex((t) => isKeyword(t, 'REFERENCES'));
    const target = tokens[at + 1];
    if (at === -1 || target === undefined || key(identifierOf(target) ?? '') !== key(from)) {
      return text;
    }
    return text.slice(0, target.start) + quoteIdentifier(to, 'sqlite') + text.slice(target.end);
  };
  let changed = false;
  const constraints = table.constraints.map((c) => {
    const text = follow(c.text);
    if (text === c.text) return c;
    changed = true;
    return { ...c, text, referencedTable: to };
  });
  const columns = table.columns.map((c) => {
    const kept = c.constraints.map((k) =>
      k.kind === 'references' ? { ...k, text: follow(k.text) } : k,
    );
    if (kept.every((k, i) => k.text === c.constraints[i]!.text)) return c;
    changed = true;
    return { ...c, constraints: kept, text: undefined };
  });
  return changed ? { ...table, constraints, columns, text: undefined } : table;
}
