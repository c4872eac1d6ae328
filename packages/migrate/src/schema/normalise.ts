import type { DialectName } from '@meshview/schema';

// Spellings of one type, as either database or a person writes them, and their canonical name.
const TYPE_SYNONYMS: Readonly<Record<string, string>> = {
  'character varying': 'varchar',
  varchar: 'varchar',
  nvarchar: 'varchar',
  character: 'char',
  char: 'char',
  nchar: 'char',
  int: 'integer',
  integer: 'integer',
  int4: 'integer',
  serial: 'integer',
  serial4: 'integer',
  bigint: 'bigint',
  int8: 'bigint',
  bigserial: 'bigint',
  serial8: 'bigint',
  smallint: 'smallint',
  int2: 'smallint',
  float: 'float',
  float8: 'float',
  double: 'float',
  'double precision': 'float',
  real: 'real',
  float4: 'real',
  boolean: 'boolean',
  bool: 'boolean',
  blob: 'binary',
  bytea: 'binary',
  text: 'text',
  clob: 'text',
  date: 'date',
  datetime: 'timestamp',
  timestamp: 'timestamp',
  'timestamp without time zone': 'timestamp',
  'timestamp with time zone': 'timestamptz',
  timestamptz: 'timestamptz',
  numeric: 'numeric',
  decimal: 'numeric',
};

/**
 * A column type in its canonical spelling, so that `VARCHAR` and `character varying`, `BIGINT`
 * and `int8`, `INT` and `INTEGER`, `BLOB` and `BYTEA`, `DATETIME` and `timestamp without time
 * zone` compare equal. SQLite has one floating type (`REAL`, `FLOAT` and `DOUBLE` are the same);
 * PostgreSQL's `real` is single precision and stays apart from `float`.
 *
 * @example normaliseType('character varying(100)', 'postgres') // 'varchar(100)'
 */
export function normaliseType(declared: string, dialect: DialectName): string {
  const text = declared
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),])\s*/g, '$1');
  const match = /^([a-z0-9_ ]*?)(\(.*\))?(\[\])?$/.exec(text);
  if (!match) return text;
  const [, base = '', args = '', array = ''] = match;
  let name = TYPE_SYNONYMS[base] ?? base;
  if (dialect === 'sqlite' && name === 'real') name = 'float';
  // PostgreSQL's `float(p)` is `real` up to p = 24 and `double precision` above; the length is not
  // kept for either.
  if (base === 'float' && args !== '') {
    return `${dialect === 'postgres' && Number(args.slice(1, -1)) <= 24 ? 'real' : 'float'}${array}`;
  }
  return `${name}${args}${array}`;
}

/** Whether a canonical type holds integers. */
export function isIntegerType(type: string): boolean {
  return type === 'integer' || type === 'bigint' || type === 'smallint';
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const TRUE = new Set(['1', 't', 'true', 'y', 'yes', 'on']);
const FALSE = new Set(['0', 'f', 'false', 'n', 'no', 'off']);
// Spellings of "the current date and time" that give the same value in a DEFAULT.
const NOW = new Set([
  'now()',
  'current_timestamp',
  'transaction_timestamp()',
  "datetime('now')",
  'current_timestamp()',
]);

/**
 * A `DEFAULT` expression in its canonical spelling, given the column's canonical type: outer
 * parentheses and PostgreSQL's casts go, a quoted number on a numeric column is the number, a
 * boolean is `true` or `false` however it was written (`'1'`, `1`, `TRUE`, `'t'`), the ways of
 * saying "now" are `current_timestamp`, and `NULL` is no default.
 *
 * @example normaliseDefault("('0')", 'bigint') // '0'
 * @example normaliseDefault("'x'::character varying", 'varchar') // "'x'"
 */
export function normaliseDefault(raw: string | null, type: string): string | null {
  if (raw === null) return null;
  let text = stripCasts(stripOuterParens(raw.trim()));
  text = stripOuterParens(text);
  if (/^null$/i.test(text)) return null;
  const numeric = isIntegerType(type) || /^(float|real|numeric)/.test(type);
  const quoted = /^'((?:[^']|'')*)'$/.exec(text);
  const value = quoted ? quoted[1]!.replaceAll("''", "'") : text;
  if (type === 'boolean') {
    const lower = value.toLowerCase();
    if (TRUE.has(lower)) return 'true';
    if (FALSE.has(lower)) return 'false';
  }
  if (NUMBER.test(value) && (numeric || !quoted)) return canonicalNumber(value);
  if (quoted) return `'${value.replaceAll("'", "''")}'`;
  const expression = normaliseExpression(text);
  return NOW.has(expression) ? 'current_timestamp' : expression;
}

function canonicalNumber(text: string): string {
  if (/^[+-]?\d+$/.test(text)) return BigInt(text).toString();
  return String(Number(text));
}

// Words after which a parenthesis groups rather than calls.
const KEYWORDS = new Set(['and', 'or', 'is', 'when', 'then', 'else', 'case', 'where', 'between']);

/**
 * An SQL expression (a partial index's predicate, a default) in a canonical spelling, for
 * comparison only: keywords and identifiers in lower case outside quotes, simple quoted
 * identifiers unquoted, PostgreSQL's casts dropped, blanks only between words, `!=` as `<>`, and
 * the grouping parentheses PostgreSQL adds when it stores an expression dropped (those around a
 * comparison or an AND; those around an OR, after NOT, or of a call or an IN list are kept).
 *
 * @example normaliseExpression('(flag AND (score > 0))') // 'flag and score>0'
 */
export function normaliseExpression(sql: string): string {
  const tokens = tokenize(stripCasts(stripOuterParens(sql)));
  const drop = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] !== '(') continue;
    const before = i > 0 ? tokens[i - 1]! : '';
    const call = /^[\w"$]/.test(before) && !KEYWORDS.has(before);
    if (call || before === 'not') continue;
    let depth = 0;
    let topLevelOr = false;
    let close = -1;
    for (let j = i; j < tokens.length && close < 0; j++) {
      if (tokens[j] === '(') depth++;
      else if (tokens[j] === ')' && --depth === 0) close = j;
      else if (depth === 1 && tokens[j] === 'or') topLevelOr = true;
    }
    if (close > 0 && !topLevelOr) drop.add(i).add(close);
  }
  let text = '';
  tokens.forEach((token, i) => {
    if (drop.has(i)) return;
    const word = /^[\w"'$.]/.test(token);
    text += (word && /[\w"'$.]$/.test(text) ? ' ' : '') + token;
  });
  return text.replaceAll('!=', '<>');
}

/** Words, quoted strings, quoted identifiers and single punctuation or operator runs. */
function tokenize(sql: string): string[] {
  const tokens: string[] = [];
  const pattern = /'(?:[^']|'')*'|"(?:[^"]|"")*"|[\w$.]+|[<>!=|]+|\S/g;
  for (const [token] of sql.matchAll(pattern)) {
    if (token.startsWith("'")) tokens.push(token);
    else if (token.startsWith('"')) {
      const name = token.slice(1, -1).replaceAll('""', '"');
      tokens.push(/^[a-z_][a-z0-9_$]*$/.test(name) ? name : token);
    } else tokens.push(token.toLowerCase());
  }
  return tokens;
}

/** Removes PostgreSQL's `::type` casts (outside quoted strings). */
function stripCasts(sql: string): string {
  return sql.replace(
    /('(?:[^']|'')*')|::\s*(?:"[^"]+"|[a-z_][a-z0-9_]*(?:\s+varying|\s+precision|\s+with(?:out)?\s+time\s+zone)?)(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])?/gi,
    (_match, quoted: string | undefined) => quoted ?? '',
  );
}

/** Drops parentheses that enclose the whole text: `((0))` is `0`. */
function stripOuterParens(text: string): string {
  let out = text.trim();
  while (out.startsWith('(') && out.endsWith(')') && enclosesAll(out))
    out = out.slice(1, -1).trim();
  return out;
}

function enclosesAll(text: string): boolean {
  let depth = 0;
  let quote = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quote = !quote;
    if (quote) continue;
    if (c === '(') depth++;
    if (c === ')' && --depth === 0 && i < text.length - 1) return false;
  }
  return depth === 0;
}
