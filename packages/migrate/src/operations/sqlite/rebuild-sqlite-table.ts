import { quoteIdentifier } from '@meshview/schema';
import { MigrateError } from '../../errors.js';
import type { OpExecutor } from '../op-executor.js';
import type { RebuildPlan } from './apply-table-changes.js';
import { renderRebuiltTable } from './render-sqlite-table.js';
import type { SqliteTable } from './sqlite-table.js';

/** Rows copied per statement by default: a large table's copy is logged in steps of this many. */
export const COPY_CHUNK_ROWS = 100_000;

/** The error a rebuild throws when foreign keys are on: dropping the old table would cascade. */
export function foreignKeysOnError(table: string, what: string): MigrateError {
  return new MigrateError(
    'MIGRATE_FOREIGN_KEYS_ON',
    `${what} of SQLite table ${table} needs foreign keys off for the whole revision (with them ` +
      'on, dropping the old table would run its ON DELETE actions on the child rows); the engine ' +
      "runs such a revision again that way by itself; `export const sqlite_foreign_keys = 'off'` " +
      'in the script saves the first attempt',
  );
}

/**
 * Rebuilds a SQLite table into `plan.table`, keeping every row (and its rowid): the old table is
 * renamed aside (with `legacy_alter_table` on, so that no other table's foreign keys, trigger or
 * view is rewritten to follow it), the new one is created under the table's own name, the rows
 * are copied (in rowid ranges, with progress logged, for large tables), the old table is dropped,
 * and the indexes and triggers are created again. Runs only with foreign keys off (see
 * {@link foreignKeysOnError}); the engine's `PRAGMA foreign_key_check` before commit catches any
 * row the new definition no longer accepts.
 */
export async function rebuildSqliteTable(
  exec: OpExecutor,
  before: SqliteTable,
  plan: RebuildPlan,
): Promise<void> {
  exec.requireForeignKeysOff(before.name, 'a rebuild');
  const name = before.name;
  const aside = await asideName(exec, name);
  exec.log(`rebuilding table ${name}`);
  await exec.execute('PRAGMA legacy_alter_table = ON');
  await exec.execute(
    `ALTER TABLE ${quoteIdentifier(name, 'sqlite')} RENAME TO ${quoteIdentifier(aside, 'sqlite')}`,
  );
  await exec.execute('PRAGMA legacy_alter_table = OFF');
  await exec.execute(renderRebuiltTable(before, plan.table));
  await copyRows(exec, aside, before, plan);
  if (hasAutoincrement(plan.table)) await keepSequence(exec, name, aside);
  await exec.execute(`DROP TABLE ${quoteIdentifier(aside, 'sqlite')}`);
  for (const index of plan.table.indexes) await exec.execute(index.sql);
  for (const trigger of plan.table.triggers) await exec.execute(trigger.sql);
}

async function asideName(exec: OpExecutor, table: string): Promise<string> {
  const base = `_${table}_old`;
  if (exec.offline) return base;
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}${n}`;
    const taken = await exec.query('SELECT 1 FROM sqlite_master WHERE lower(name) = lower(?)', [
      name,
    ]);
    if (taken.length === 0) return name;
  }
}

async function copyRows(
  exec: OpExecutor,
  aside: string,
  before: SqliteTable,
  plan: RebuildPlan,
): Promise<void> {
  const copied = plan.copy.filter((c) => !c.generated && c.expression !== undefined);
  // Rowids are kept, so anything that refers to a row by rowid (and foreign_key_check's report)
  // still finds it.
  const rowid = !before.withoutRowid && !plan.table.withoutRowid;
  const targets = [
    ...(rowid ? ['rowid'] : []),
    ...copied.map((c) => quoteIdentifier(c.column, 'sqlite')),
  ];
  const sources = [...(rowid ? ['rowid'] : []), ...copied.map((c) => c.expression!)];
  const insert =
    `INSERT INTO ${quoteIdentifier(before.name, 'sqlite')} (${targets.join(', ')}) ` +
    `SELECT ${sources.join(', ')} FROM ${quoteIdentifier(aside, 'sqlite')}`;
  if (exec.offline) {
    await exec.execute(insert);
    return;
  }
  const [range] = await exec.query<{ lo: number | null; n: number }>(
    `SELECT ${rowid ? 'min(rowid)' : 'NULL'} AS lo, count(*) AS n FROM ${quoteIdentifier(aside, 'sqlite')}`,
  );
  let done = 0;
  if (!range || range.n <= exec.copyChunkRows || range.lo === null) {
    done = await exec.execute(insert);
  } else {
    // Keyset steps of copyChunkRows rows each, however sparse the rowids are.
    for (let lo: number | undefined = range.lo; lo !== undefined;) {
      const [next]: ({ r: number } | undefined)[] = await exec.query<{ r: number }>(
        `SELECT rowid AS r FROM ${quoteIdentifier(aside, 'sqlite')} WHERE rowid >= ? ORDER BY rowid ` +
          `LIMIT 1 OFFSET ${exec.copyChunkRows}`,
        [lo],
      );
      const until = next === undefined ? '' : ` AND rowid < ${next.r}`;
      done += await exec.execute(`${insert} WHERE rowid >= ${lo}${until}`);
      exec.log(`copying ${before.name}: ${done} of ${range.n} rows`);
      lo = next?.r;
    }
  }
  const expected = range?.n ?? 0;
  if (done !== expected) {
    throw new MigrateError(
      'MIGRATE_OPERATION_INVALID',
      `rebuilding ${before.name} copied ${done} of its ${expected} rows; rolled back`,
    );
  }
}

function hasAutoincrement(table: SqliteTable): boolean {
  return table.columns.some((c) =>
    c.constraints.some((k) => k.kind === 'primaryKey' && /\bAUTOINCREMENT\b/i.test(k.text)),
  );
}

/**
 * AUTOINCREMENT never hands out an id again, even of a deleted row: the new table takes over the
 * old one's counter in `sqlite_sequence` (the copy alone would leave it at the largest id kept).
 */
async function keepSequence(exec: OpExecutor, table: string, aside: string): Promise<void> {
  const t = literal(table);
  const old = `coalesce((SELECT seq FROM sqlite_sequence WHERE name = ${literal(aside)}), 0)`;
  await exec.execute(
    `INSERT INTO sqlite_sequence (name, seq) SELECT ${t}, 0 ` +
      `WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ${t})`,
  );
  await exec.execute(`UPDATE sqlite_sequence SET seq = max(seq, ${old}) WHERE name = ${t}`);
}

const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;
