import { MigrateError } from '../../errors.js';
import type {
  SqliteColumn,
  SqliteColumnConstraint,
  SqliteIndex,
  SqliteTable,
  SqliteTableConstraint,
} from './sqlite-table.js';
import {
  closingParen,
  identifierOf,
  isKeyword,
  splitTopLevel,
  tokenize,
  type Token,
} from './sql-tokens.js';

const TABLE_CONSTRAINT_START = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN'];
const COLUMN_CONSTRAINT_START = [
  'CONSTRAINT',
  'PRIMARY',
  'NOT',
  'NULL',
  'UNIQUE',
  'CHECK',
  'DEFAULT',
  'COLLATE',
  'REFERENCES',
  'GENERATED',
  'AS',
];

/**
 * Reads a `CREATE TABLE` statement (as SQLite stores it in `sqlite_master`) into its parts.
 * Throws MIGRATE_OPERATION_INVALID naming the table when the text is not one this reader knows
 * (`CREATE TABLE … AS SELECT`, say): a rebuild must never guess.
 */
export function parseCreateTable(
  sql: string,
  extras: { indexes?: readonly SqliteIndex[]; triggers?: SqliteTable['triggers'] } = {},
): SqliteTable {
  const tokens = tokenize(sql);
  let i = 0;
  const fail = (problem: string): never => {
    throw new MigrateError(
      'MIGRATE_OPERATION_INVALID',
      `cannot read the table definition ${JSON.stringify(sql.slice(0, 80))}: ${problem}`,
    );
  };
  if (!isKeyword(tokens[i++], 'CREATE')) fail('it does not start with CREATE');
  if (isKeyword(tokens[i], 'TEMP', 'TEMPORARY')) i += 1;
  if (!isKeyword(tokens[i++], 'TABLE')) fail('it is not CREATE TABLE');
  if (isKeyword(tokens[i], 'IF')) i += 3;
  let nameToken = tokens[i++];
  if (tokens[i]?.text === '.') {
    nameToken = tokens[i + 1];
    i += 2;
  }
  const name = identifierOf(nameToken) ?? fail('no table name');
  const open = i;
  if (tokens[open]?.text !== '(')
    fail('no column list (CREATE TABLE … AS SELECT is not supported)');
  const close = closingParen(tokens, open);
  const body = tokens.slice(open + 1, close - 1);
  const columns: SqliteColumn[] = [];
  const constraints: SqliteTableConstraint[] = [];
  for (const element of splitTopLevel(body)) {
    const text = sql.slice(element[0]!.start, element[element.length - 1]!.end);
    if (isKeyword(element[0], ...TABLE_CONSTRAINT_START)) {
      constraints.push(parseTableConstraint(sql, element, text));
    } else {
      columns.push(parseColumn(sql, element, text));
    }
  }
  if (columns.length === 0) fail('no columns');
  const options = sql.slice(tokens[close - 1]!.end).replace(/;\s*$/, '');
  const after = tokens.slice(close);
  const withoutRowid = after.some(
    (t, k) => isKeyword(t, 'WITHOUT') && isKeyword(after[k + 1], 'ROWID'),
  );
  return {
    name,
    nameText: nameToken!.text,
    columns,
    constraints,
    options,
    withoutRowid,
    text: sql.trim().replace(/;$/, ''),
    indexes: extras.indexes ?? [],
    triggers: extras.triggers ?? [],
  };
}

function identifiers(tokens: readonly Token[]): string[] {
  return tokens
    .filter((t) => t.kind === 'word' || t.kind === 'quoted')
    .map((t) => identifierOf(t)!.toLowerCase());
}

function parseColumn(sql: string, tokens: readonly Token[], text: string): SqliteColumn {
  const nameToken = tokens[0]!;
  let i = 1;
  while (i < tokens.length && !isKeyword(tokens[i], ...COLUMN_CONSTRAINT_START)) {
    if (tokens[i]!.text === '(') i = closingParen(tokens, i);
    else i += 1;
  }
  const type = i > 1 ? sql.slice(tokens[1]!.start, tokens[i - 1]!.end) : '';
  const constraints: SqliteColumnConstraint[] = [];
  while (i < tokens.length) {
    const start = i;
    let name: string | null = null;
    if (isKeyword(tokens[i], 'CONSTRAINT')) {
      name = identifierOf(tokens[i + 1]) ?? null;
      i += 2;
    }
    const head = tokens[i];
    const kind = columnConstraintKind(head, tokens[i + 1]);
    i = endOfColumnConstraint(tokens, i, kind);
    const part = tokens.slice(start, i);
    constraints.push({
      kind,
      name,
      text: sql.slice(part[0]!.start, part[part.length - 1]!.end),
      identifiers: identifiers(part.slice(name === null ? 1 : 3)),
    });
  }
  return { name: identifierOf(nameToken)!, nameText: nameToken.text, type, constraints, text };
}

function columnConstraintKind(
  head: Token | undefined,
  next: Token | undefined,
): SqliteColumnConstraint['kind'] {
  const word = head?.text.toUpperCase();
  switch (word) {
    case 'PRIMARY':
      return 'primaryKey';
    case 'NOT':
      return 'notNull';
    case 'NULL':
      return 'null';
    case 'UNIQUE':
      return 'unique';
    case 'CHECK':
      return 'check';
    case 'DEFAULT':
      return 'default';
    case 'COLLATE':
      return 'collate';
    case 'REFERENCES':
      return 'references';
    case 'GENERATED':
    case 'AS':
      return 'generated';
  }
  throw new MigrateError(
    'MIGRATE_OPERATION_INVALID',
    `unexpected "${head?.text ?? ''} ${next?.text ?? ''}" in a column definition`,
  );
}

/** Where a column constraint that begins at `i` ends (the next one begins). */
function endOfColumnConstraint(
  tokens: readonly Token[],
  i: number,
  kind: SqliteColumnConstraint['kind'],
): number {
  const skipParens = (k: number): number =>
    tokens[k]?.text === '(' ? closingParen(tokens, k) : k + 1;
  if (kind === 'default') {
    // DEFAULT takes one value: a literal, a signed number, a name, or an expression in parens.
    let k = i + 1;
    if (tokens[k]?.text === '-' || tokens[k]?.text === '+') k += 1;
    return skipParens(k);
  }
  if (kind === 'collate') return i + 2;
  let k = i + 1;
  while (k < tokens.length) {
    const t = tokens[k]!;
    if (t.text === '(') {
      k = closingParen(tokens, k);
      continue;
    }
    if (isKeyword(t, ...COLUMN_CONSTRAINT_START)) {
      const previous = tokens[k - 1];
      const inReferences = kind === 'references';
      // Inside REFERENCES: NOT DEFERRABLE, SET NULL, SET DEFAULT belong to the clause.
      const belongs =
        (inReferences && isKeyword(t, 'NOT') && isKeyword(tokens[k + 1], 'DEFERRABLE')) ||
        (inReferences && isKeyword(t, 'NULL', 'DEFAULT') && isKeyword(previous, 'SET')) ||
        (kind === 'notNull' && isKeyword(t, 'NULL') && isKeyword(previous, 'NOT')) ||
        (kind === 'generated' && isKeyword(t, 'AS') && isKeyword(previous, 'ALWAYS'));
      if (!belongs) break;
    }
    k += 1;
  }
  return k;
}

function columnList(tokens: readonly Token[], open: number): string[] {
  const inner = tokens.slice(open + 1, closingParen(tokens, open) - 1);
  return splitTopLevel(inner).map((part) => identifierOf(part[0])!);
}

function parseTableConstraint(
  sql: string,
  tokens: readonly Token[],
  text: string,
): SqliteTableConstraint {
  let i = 0;
  let name: string | null = null;
  if (isKeyword(tokens[0], 'CONSTRAINT')) {
    name = identifierOf(tokens[1]) ?? null;
    i = 2;
  }
  const rest = tokens.slice(i);
  const ids = identifiers(rest);
  const open = (from: number): number => {
    const k = tokens.findIndex((t, j) => j >= from && t.text === '(');
    if (k === -1) {
      throw new MigrateError('MIGRATE_OPERATION_INVALID', `cannot read the constraint "${text}"`);
    }
    return k;
  };
  if (isKeyword(tokens[i], 'CHECK')) {
    const o = open(i);
    const c = closingParen(tokens, o);
    const expression = sql.slice(tokens[o + 1]!.start, tokens[c - 2]!.end);
    return { kind: 'check', name, columns: [], expression, text, identifiers: ids };
  }
  if (isKeyword(tokens[i], 'FOREIGN')) {
    const o = open(i);
    const references = tokens.findIndex((t, j) => j > o && isKeyword(t, 'REFERENCES'));
    const referencedTable = identifierOf(tokens[references + 1]);
    return {
      kind: 'foreignKey',
      name,
      columns: columnList(tokens, o),
      ...(referencedTable !== undefined ? { referencedTable } : {}),
      text,
      identifiers: ids,
    };
  }
  const kind = isKeyword(tokens[i], 'PRIMARY') ? 'primaryKey' : 'unique';
  return { kind, name, columns: columnList(tokens, open(i)), text, identifiers: ids };
}

/** The lower-cased names an index statement mentions inside its column list (and WHERE clause). */
export function indexColumns(sql: string): string[] {
  const tokens = tokenize(sql);
  const on = tokens.findIndex((t) => isKeyword(t, 'ON'));
  return identifiers(tokens.slice(on + 2)).filter(
    (name) => !['asc', 'desc', 'collate', 'where', 'and', 'or', 'not', 'null', 'is'].includes(name),
  );
}
