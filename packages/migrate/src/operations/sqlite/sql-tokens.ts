/** One lexical token of SQLite SQL, with where it sits in the text. */
export interface Token {
  readonly kind: 'word' | 'quoted' | 'string' | 'number' | 'blob' | 'punct';
  /** The token exactly as written. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Splits SQLite SQL into tokens, skipping blanks and comments. Enough of SQLite's lexer to find
 * the parts of a `CREATE TABLE` or `CREATE INDEX` statement; the text between tokens is kept by
 * slicing the original, so nothing a user wrote is lost.
 */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: Token['kind'], end: number): void => {
    tokens.push({ kind, text: sql.slice(i, end), start: i, end });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl === -1 ? sql.length : nl + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close === -1 ? sql.length : close + 2;
    } else if (c === "'") {
      push('string', closeQuote(sql, i, "'"));
    } else if ((c === 'x' || c === 'X') && sql[i + 1] === "'") {
      push('blob', closeQuote(sql, i + 1, "'"));
    } else if (c === '"' || c === '`') {
      push('quoted', closeQuote(sql, i, c));
    } else if (c === '[') {
      const close = sql.indexOf(']', i);
      push('quoted', close === -1 ? sql.length : close + 1);
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const match = /^(0x[0-9a-f]+|[0-9]*\.?[0-9]*(e[+-]?[0-9]+)?)/i.exec(sql.slice(i))!;
      push('number', i + Math.max(1, match[0].length));
    } else if (/[\p{L}_$]/u.test(c)) {
      const match = /^[\p{L}\p{N}_$]+/u.exec(sql.slice(i))!;
      push('word', i + match[0].length);
    } else {
      const two = sql.slice(i, i + 2);
      push(
        'punct',
        i + (['||', '<=', '>=', '<>', '!=', '==', '<<', '>>', '->'].includes(two) ? 2 : 1),
      );
    }
  }
  return tokens;
}

function closeQuote(sql: string, open: number, quote: string): number {
  let j = open + 1;
  for (;;) {
    const k = sql.indexOf(quote, j);
    if (k === -1) return sql.length;
    if (sql[k + 1] === quote) {
      j = k + 2;
      continue;
    }
    return k + 1;
  }
}

/** Whether the token is the keyword `word` (bare, any case). */
export function isKeyword(token: Token | undefined, ...words: readonly string[]): boolean {
  return token?.kind === 'word' && words.includes(token.text.toUpperCase());
}

/** The name a token stands for when used as an identifier (quotes removed), else undefined. */
export function identifierOf(token: Token | undefined): string | undefined {
  if (token === undefined) return undefined;
  if (token.kind === 'word') return token.text;
  if (token.kind === 'quoted' || token.kind === 'string') {
    const q = token.text[0]!;
    const inner = token.text.slice(1, -1);
    if (q === '[') return inner;
    return inner.replaceAll(q + q, q);
  }
  return undefined;
}

/** SQLite compares identifiers without regard to ASCII case. */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Splits tokens at the commas outside parentheses: the elements of a `CREATE TABLE` body, the
 * columns of an index.
 */
export function splitTopLevel(tokens: readonly Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.text === '(') depth += 1;
    if (t.text === ')') depth -= 1;
    if (t.text === ',' && depth === 0) parts.push([]);
    else parts[parts.length - 1]!.push(t);
  }
  return parts.filter((p) => p.length > 0);
}

/** The index just past the `)` that closes the `(` at `open`. */
export function closingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]!.text === '(') depth += 1;
    if (tokens[i]!.text === ')') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return tokens.length;
}
