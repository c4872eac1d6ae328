import { MigrateError } from '../../errors.js';
import type { OpExecutor } from '../op-executor.js';
import { indexColumns, parseCreateTable } from './parse-create-table.js';
import { sameName } from './sql-tokens.js';
import type { SqliteTable } from './sqlite-table.js';

interface MasterRow {
  type: string;
  name: string;
  sql: string | null;
}

/**
 * Reads a live table: its stored `CREATE TABLE`, its explicit indexes and its triggers from
 * `sqlite_master`, checked against `PRAGMA table_xinfo` (a rebuild that misread a column would
 * lose it, so any disagreement stops here). Undefined when there is no such table.
 */
export async function readSqliteTable(
  exec: OpExecutor,
  table: string,
): Promise<SqliteTable | undefined> {
  const rows = await exec.query<MasterRow>(
    `SELECT type, name, sql FROM sqlite_master WHERE lower(tbl_name) = lower(?) ORDER BY rowid`,
    [table],
  );
  const create = rows.find((r) => r.type === 'table' && sameName(r.name, table));
  if (create?.sql == null) return undefined;
  const indexes = rows
    .filter((r) => r.type === 'index' && r.sql !== null)
    .map((r) => ({ name: r.name, sql: r.sql!, columns: indexColumns(r.sql!) }));
  const triggers = rows
    .filter((r) => r.type === 'trigger' && r.sql !== null)
    .map((r) => ({ name: r.name, sql: r.sql! }));
  const parsed = parseCreateTable(create.sql, { indexes, triggers });
  const live = await exec.query<{ name: string }>(
    'SELECT name FROM pragma_table_xinfo(?) ORDER BY cid',
    [create.name],
  );
  const read = parsed.columns.map((c) => c.name);
  if (live.length !== read.length || live.some((c, i) => !sameName(c.name, read[i]!))) {
    throw new MigrateError(
      'MIGRATE_OPERATION_INVALID',
      `table ${create.name}: its stored definition reads as columns (${read.join(', ')}) but ` +
        `SQLite reports (${live.map((c) => c.name).join(', ')}); not rebuilding it`,
    );
  }
  return parsed;
}
