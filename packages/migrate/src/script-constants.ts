/** A value written as a literal in a script's source: a string, `null`, or a list of them. */
export type ConstantValue = string | null | readonly ConstantValue[];

type TokenBody =
  | { readonly kind: 'word' | 'punct'; readonly text: string }
  | { readonly kind: 'string'; readonly value: string }
  /** A number, a regular expression, or a template literal with substitutions. */
  | { readonly kind: 'other' };

/** A token, and whether a line ended between it and the one before (for semicolon insertion). */
type Token = TokenBody & { readonly newlineBefore: boolean };

/**
 * The script's top-level `export const NAME = …` declarations whose value is a literal: a string
 * (in any of JavaScript's three quotes, escapes decoded, `+` joining strings), `null`, or a list
 * of those, with or without `as const` or a type annotation. A declared constant whose value is
 * anything else maps to `undefined`.
 *
 * This is how a script that cannot be imported (its compiled form is missing or stale) is listed.
 * It reads the source as JavaScript's lexer does, so comments, strings and template literals
 * that happen to contain `export const message = …` are not mistaken for declarations.
 *
 * @example readScriptConstants("export const message = 'it\\'s';").get('message') // → "it's"
 */
export function readScriptConstants(
  source: string,
): ReadonlyMap<string, ConstantValue | undefined> {
  const tokens = tokenize(source);
  const out = new Map<string, ConstantValue | undefined>();
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'punct') {
      if ('([{'.includes(token.text)) depth += 1;
      else if (')]}'.includes(token.text)) depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth > 0 || !isWord(token, 'export') || !isWord(tokens[i + 1], 'const')) continue;
    const name = tokens[i + 2];
    if (name?.kind !== 'word') continue;
    const value = declaredValue(tokens, i + 3);
    if (!out.has(name.text)) out.set(name.text, value);
  }
  return out;
}

/** After `export const NAME`: an optional type annotation, `=`, then a literal. */
function declaredValue(tokens: readonly Token[], start: number): ConstantValue | undefined {
  let i = start;
  if (isPunct(tokens[i], ':')) {
    // Skip the type annotation up to the `=` that is not nested in it.
    let nested = 0;
    for (i += 1; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.kind !== 'punct') continue;
      if ('([{<'.includes(t.text)) nested += 1;
      else if (')]}>'.includes(t.text)) nested -= 1;
      else if (t.text === '=' && nested <= 0) break;
    }
  }
  if (!isPunct(tokens[i], '=')) return undefined;
  const parsed = parseLiteral(tokens, i + 1);
  if (!parsed) return undefined;
  let end = parsed.next;
  if (isWord(tokens[end], 'as') && isWord(tokens[end + 1], 'const')) end += 2;
  const after = tokens[end];
  const ends = !after || after.newlineBefore || isPunct(after, ';') || isPunct(after, ',');
  return ends ? parsed.value : undefined;
}

function parseLiteral(
  tokens: readonly Token[],
  i: number,
): { value: ConstantValue; next: number } | undefined {
  const token = tokens[i];
  if (!token) return undefined;
  if (token.kind === 'string') {
    let value = token.value;
    let next = i + 1;
    for (;;) {
      const operand = tokens[next + 1];
      if (!isPunct(tokens[next], '+') || operand?.kind !== 'string') break;
      value += operand.value;
      next += 2;
    }
    return { value, next };
  }
  if (isWord(token, 'null')) return { value: null, next: i + 1 };
  if (isPunct(token, '(')) {
    const inner = parseLiteral(tokens, i + 1);
    return inner && isPunct(tokens[inner.next], ')')
      ? { value: inner.value, next: inner.next + 1 }
      : undefined;
  }
  if (!isPunct(token, '[')) return undefined;
  const items: ConstantValue[] = [];
  let next = i + 1;
  while (!isPunct(tokens[next], ']')) {
    const item = parseLiteral(tokens, next);
    if (!item) return undefined;
    items.push(item.value);
    next = item.next;
    if (isPunct(tokens[next], ',')) next += 1;
    else if (!isPunct(tokens[next], ']')) return undefined;
  }
  return { value: items, next: next + 1 };
}

const isWord = (t: Token | undefined, text: string): boolean =>
  t?.kind === 'word' && t.text === text;
const isPunct = (t: Token | undefined, text: string): boolean =>
  t?.kind === 'punct' && t.text === text;

const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;
/** Words after which a `/` starts a regular expression rather than dividing. */
const BEFORE_REGEX = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

/**
 * JavaScript's tokens, as far as finding literal declarations needs: words, punctuation, decoded
 * strings, and the rest (numbers, regular expressions, templates with substitutions) opaque.
 */
function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  /** Open `{` and template substitutions (`${`), innermost last. */
  const braces: ('brace' | 'template')[] = [];
  let newlineBefore = false;
  let i = 0;
  const push = (token: TokenBody): void => {
    tokens.push({ ...token, newlineBefore });
    newlineBefore = false;
  };
  const template = (from: number): number => {
    // Scans a template's text from `from` to its closing backtick or to a substitution's `${`.
    let raw = '';
    for (let j = from; j < source.length; j++) {
      const c = source[j]!;
      if (c === '\\') {
        raw += source.slice(j, j + 2);
        j += 1;
      } else if (c === '`') {
        const whole = source[from - 1] === '`';
        push(whole ? { kind: 'string', value: decodeEscapes(raw, true) } : { kind: 'other' });
        return j + 1;
      } else if (c === '$' && source[j + 1] === '{') {
        push({ kind: 'other' });
        braces.push('template');
        return j + 2;
      } else {
        raw += c;
      }
    }
    push({ kind: 'other' });
    return source.length;
  };
  while (i < source.length) {
    const c = source[i]!;
    if (LINE_TERMINATOR.test(c)) {
      newlineBefore = true;
      i += 1;
    } else if (/\s/.test(c)) {
      i += 1;
    } else if (source.startsWith('//', i)) {
      while (i < source.length && !LINE_TERMINATOR.test(source[i]!)) i += 1;
    } else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      if (LINE_TERMINATOR.test(source.slice(i, stop))) newlineBefore = true;
      i = stop;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== c && !/[\n\r]/.test(source[j]!)) {
        j += source[j] === '\\' ? (source.startsWith('\r\n', j + 1) ? 3 : 2) : 1;
      }
      push({ kind: 'string', value: decodeEscapes(source.slice(i + 1, j), false) });
      i = j + 1;
    } else if (c === '`') {
      i = template(i + 1);
    } else if (c === '}' && braces.at(-1) === 'template') {
      braces.pop();
      i = template(i + 1);
    } else if (/[\w$]/.test(c) || c.charCodeAt(0) > 0x7f) {
      let j = i + 1;
      while (j < source.length && (/[\w$]/.test(source[j]!) || source.charCodeAt(j) > 0x7f)) {
        if (/\s/.test(source[j]!)) break;
        j += 1;
      }
      const text = source.slice(i, j);
      push(/^\d/.test(text) ? { kind: 'other' } : { kind: 'word', text });
      i = j;
    } else if (c === '/' && regexMayStart(tokens.at(-1))) {
      i = skipRegex(source, i);
      push({ kind: 'other' });
    } else {
      const two = source.slice(i, i + 2);
      const text = two === '=>' || two === '==' ? two : c;
      if (text === '{') braces.push('brace');
      else if (text === '}') braces.pop();
      push({ kind: 'punct', text });
      i += text.length;
    }
  }
  return tokens;
}

function regexMayStart(previous: Token | undefined): boolean {
  if (!previous) return true;
  if (previous.kind === 'punct') return !')]}'.includes(previous.text);
  return previous.kind === 'word' && BEFORE_REGEX.has(previous.text);
}

/** The index after a regular expression literal that starts at `start` (its flags included). */
function skipRegex(source: string, start: number): number {
  let inClass = false;
  let j = start + 1;
  for (; j < source.length && !/[\n\r]/.test(source[j]!); j++) {
    const c = source[j]!;
    if (c === '\\') j += 1;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) break;
  }
  j += 1;
  while (j < source.length && /[\w$]/.test(source[j]!)) j += 1;
  return j;
}

const SIMPLE: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
};

/**
 * The value of a string literal's or template's text (between its quotes), as JavaScript reads
 * it: escapes decoded, line continuations dropped, and in a template CR LF and CR read as LF.
 */
function decodeEscapes(raw: string, inTemplate: boolean): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\') {
      if (inTemplate && c === '\r') {
        out += '\n';
        if (raw[i + 1] === '\n') i += 1;
      } else {
        out += c;
      }
      continue;
    }
    const e = raw[++i];
    if (e === undefined) break;
    const simple = SIMPLE[e];
    if (simple !== undefined) {
      out += simple;
    } else if (e === 'x' && /^[\da-f]{2}$/i.test(raw.slice(i + 1, i + 3))) {
      out += String.fromCharCode(parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (e === 'u' && /^\{[\da-f]+\}/i.test(raw.slice(i + 1))) {
      const close = raw.indexOf('}', i);
      const code = parseInt(raw.slice(i + 2, close), 16);
      out += code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
      i = close;
    } else if (e === 'u' && /^[\da-f]{4}$/i.test(raw.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(raw.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (/[0-7]/.test(e)) {
      // Legacy octal escapes (`\0`, and `\1`… outside strict code): up to three digits, ≤ 0o377.
      const digits = /^[0-7]{1,3}/.exec(raw.slice(i))![0];
      const used = parseInt(digits, 8) > 0o377 ? digits.slice(0, 2) : digits;
      out += String.fromCharCode(parseInt(used, 8));
      i += used.length - 1;
    } else if (e === '\r') {
      if (raw[i + 1] === '\n') i += 1;
    } else if (e !== '\n' && e !== '\u2028' && e !== '\u2029') {
      out += e;
    }
  }
  return out;
}
