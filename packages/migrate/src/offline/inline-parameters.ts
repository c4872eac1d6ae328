import type { DialectName } from '@meshview/schema';

/**
 * A compiled query with its parameters written in as SQL literals, for offline SQL: `?` (SQLite)
 * or `$n` (PostgreSQL) outside quotes are replaced by the literal of the value.
 */
export function inlineParameters(
  sql: string,
  parameters: readonly unknown[],
  dialect: DialectName,
): string {
  if (parameters.length === 0) return sql;
  let out = '';
  let next = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = closing(sql, i, c);
      out += sql.slice(i, end);
      i = end - 1;
    } else if (dialect === 'sqlite' && c === '?') {
      out += literal(parameters[next++], dialect);
    } else if (dialect === 'postgres' && c === '$' && /\d/.test(sql[i + 1] ?? '')) {
      const digits = /^\d+/.exec(sql.slice(i + 1))![0];
      out += literal(parameters[Number(digits) - 1], dialect);
      i += digits.length;
    } else {
      out += c;
    }
  }
  return out;
}

function closing(sql: string, open: number, quote: string): number {
  let j = open + 1;
  for (;;) {
    const k = sql.indexOf(quote, j);
    if (k === -1) return sql.length;
    if (sql[k + 1] === quote) j = k + 2;
    else return k + 1;
  }
}

/** A value as an SQL literal of the dialect. */
export function literal(value: unknown, dialect: DialectName): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') {
    return dialect === 'postgres' ? (value ? 'TRUE' : 'FALSE') : value ? '1' : '0';
  }
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Uint8Array) {
    const hex = Buffer.from(value).toString('hex');
    return dialect === 'postgres' ? `'\\x${hex}'::bytea` : `X'${hex}'`;
  }
  const text =
    typeof value === 'string'
      ? value
      : value instanceof Date
        ? value.toISOString()
        : JSON.stringify(value);
  return `'${text.replaceAll("'", "''")}'`;
}
