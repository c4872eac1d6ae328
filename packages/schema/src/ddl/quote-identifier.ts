import type { DialectName } from '../dialect-name.js';
import { reservedWords } from './reserved-words.js';

/**
 * An identifier as SQLAlchemy writes it: bare when it is a lower-case legal name that is not a
 * reserved word, double-quoted otherwise.
 */
export function quoteIdentifier(name: string, dialect: DialectName): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && !reservedWords[dialect].has(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}
