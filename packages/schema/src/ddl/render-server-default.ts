import type { DialectName } from '../dialect-name.js';
import type { ServerDefault } from '../table/server-default.js';

/** The SQL after `DEFAULT` for `dialect`. */
export function renderServerDefault(value: ServerDefault, dialect: DialectName): string {
  if (value.kind === 'sql') return value[dialect];
  const literal = value.value;
  if (typeof literal === 'string') return `'${literal.replaceAll("'", "''")}'`;
  if (typeof literal === 'number') return String(literal);
  if (dialect === 'postgres') return literal ? 'true' : 'false';
  return literal ? '1' : '0';
}
