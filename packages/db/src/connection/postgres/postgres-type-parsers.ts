import type { CustomTypesConfig, types as PgTypes } from 'pg';
import { UnsafeIntegerError } from '../../errors.js';

// PostgreSQL type oids (pg_type.oid).
const INT8 = 20;
const DATE = 1082;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;

const asText = (value: string): string => value;

function parseInt8(value: string): number {
  const parsed = Number(value);
  // pg reports a parser's error as the query's error, so an out-of-range id fails loudly.
  if (!Number.isSafeInteger(parsed)) throw new UnsafeIntegerError(value);
  return parsed;
}

const overrides: Readonly<Record<number, (value: string) => unknown>> = {
  [INT8]: parseInt8,
  // Dates and timestamps stay text, as SQLite returns them, instead of becoming JS Dates.
  [DATE]: asText,
  [TIMESTAMP]: asText,
  [TIMESTAMPTZ]: asText,
};

/**
 * Per-pool type parsers (pg's global ones stay untouched): `BIGINT` as a JS number that must be
 * a safe integer, `DATE` and `TIMESTAMP` as text. `types` is the loaded pg's (pg is imported
 * only when a PostgreSQL database is opened: loading it costs a SQLite start a fifth of a second).
 */
export function postgresTypeParsers(types: typeof PgTypes): CustomTypesConfig {
  return {
    getTypeParser: (oid: number, format?: 'text' | 'binary'): unknown =>
      (format ?? 'text') === 'text' && overrides[oid] !== undefined
        ? overrides[oid]
        : types.getTypeParser(oid, format),
  };
}
