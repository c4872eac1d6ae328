/**
 * Characters a generated script never writes as they are: the control characters, line and
 * paragraph separators, the byte-order mark, the bidirectional controls (which could make the
 * source read differently from what it does) and lone surrogates (which UTF-8 cannot hold).
 */
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex -- matching the control characters is this pattern's purpose
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * `text` with its unprintable characters written as JavaScript escapes (`\n`, `\x1b`, `\u2028`),
 * so that it can stand inside a string literal, or be shown in a comment, on one line.
 */
export function escapeUnprintable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return SHORT[c] ?? (code < 0x100 ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`);
  });
}

const hex = (code: number, width: number): string => code.toString(16).padStart(width, '0');

/**
 * A single-quoted JavaScript string literal whose value is exactly `text`, on one line, whatever
 * `text` holds (quotes, backslashes, newlines, `${`, unicode).
 *
 * @example stringLiteral("it's\n") // → 'it\'s\n'
 */
export const stringLiteral = (text: string): string =>
  `'${escapeUnprintable(text.replace(/\\/g, '\\\\').replace(/'/g, "\\'"))}'`;

/** A JavaScript literal for plain data: single-quoted strings, unquoted keys where possible. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : stringLiteral(k)}: ${literal(v)}`,
  );
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}
