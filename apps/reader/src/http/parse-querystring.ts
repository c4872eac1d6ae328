/** Where {@link parseQuerystring} lists the keys whose values are not valid percent-encoded UTF-8. */
export const MALFORMED_KEYS = Symbol('malformed query keys');

/** A parsed query string: values by key (an array when a key is repeated). */
export type ParsedQuery = Record<string, string | string[]> & { [MALFORMED_KEYS]?: string[] };

/**
 * Fastify's query string parser for the reader: `+` is a space, a repeated key gives an array,
 * and a value that is not valid percent-encoded UTF-8 (`%E0%A4`, a lone `%`) is kept as written
 * and its key listed under {@link MALFORMED_KEYS}, so that the request is answered 400 naming
 * the parameter instead of reaching a handler half-decoded.
 */
export function parseQuerystring(text: string): ParsedQuery {
  const query = Object.create(null) as ParsedQuery;
  if (text === '') return query;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const rawKey = at === -1 ? pair : pair.slice(0, at);
    const rawValue = at === -1 ? '' : pair.slice(at + 1);
    const key = decode(rawKey);
    const value = decode(rawValue);
    const name = key ?? rawKey;
    if (key === undefined || value === undefined) (query[MALFORMED_KEYS] ??= []).push(name);
    const text = value ?? rawValue;
    const existing = query[name];
    if (existing === undefined) query[name] = text;
    else if (Array.isArray(existing)) existing.push(text);
    else query[name] = [existing, text];
  }
  return query;
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}
