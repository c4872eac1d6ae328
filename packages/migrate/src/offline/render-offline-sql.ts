import { sql } from 'kysely';
import { MigrateError } from '../errors.js';
import type { DialectName } from '@meshview/schema';
import type { MigrationContext } from '../migration-script.js';
import { createOperations } from '../operations/create-operations.js';
import { SqliteCatalog } from '../operations/sqlite/sqlite-table.js';
import type { RevisionGraph } from '../revision-graph.js';
import { importScript } from '../script-directory.js';
import { downgradePlanner, upgradePlanner } from '../target-planner.js';
import { VERSION_TABLE_DDL } from '../version-table.js';
import { literal } from './inline-parameters.js';
import { offlineExecutor } from './offline-executor.js';
import { recordingKysely } from './recording-kysely.js';
import { rawQuery } from '../raw-query.js';

/** What offline SQL is rendered for. */
export interface OfflineSqlOptions {
  readonly dialect: DialectName;
  readonly graph: RevisionGraph;
  readonly direction: 'upgrade' | 'downgrade';
  /** The revisions the database is taken to be at (empty: base). */
  readonly from: readonly string[];
  /** As `upgrade`/`downgrade` take it: `head`, `+N`, `REV`, `-N`, `base`. */
  readonly target: string;
}

/**
 * The SQL an upgrade or downgrade would run, without a database (`--sql`): per revision its
 * statements in a transaction with its version-table update, on SQLite wrapped in
 * `PRAGMA foreign_keys = OFF`/`ON` with a `PRAGMA foreign_key_check` before COMMIT when it
 * rebuilds a table. Scripts run against a recorder: `ctx.offline` is true and queries through
 * `ctx.db` return no rows. The migration lock and the in-progress flag are the engine's online
 * machinery and are not part of the output.
 */
export async function renderOfflineSql(options: OfflineSqlOptions): Promise<string> {
  const { dialect, graph, direction, from, target } = options;
  const plan = (direction === 'upgrade' ? upgradePlanner : downgradePlanner)(graph, target);
  const steps = plan(from);
  const stale = steps.map((id) => graph.get(id)).filter((r) => r.notRunnable !== undefined);
  if (stale.length > 0) {
    throw new MigrateError(
      'MIGRATE_SCRIPT_NOT_COMPILED',
      `cannot render: ${stale.map((r) => r.notRunnable).join('; ')}`,
    );
  }
  const applied = graph.ancestors(from);
  const out: string[] = [
    `-- ${direction} from ${from.join(', ') || 'base'} to ${target} on ${dialect}: ` +
      `${steps.length} revision(s), rendered offline (nothing was run)`,
    '',
  ];
  if (direction === 'upgrade' && from.length === 0 && steps.length > 0) {
    out.push(terminate(VERSION_TABLE_DDL), '');
  }
  const catalog = new SqliteCatalog();
  for (const id of steps) {
    const rev = graph.get(id);
    const rowsBefore = graph.headsOf(applied);
    if (direction === 'upgrade') applied.add(id);
    else applied.delete(id);
    const rowsAfter = graph.headsOf(applied);
    const script = await importScript(rev.runnable);
    const exec = offlineExecutor(dialect, catalog);
    const db = recordingKysely(dialect, (statement) => void exec.execute(statement));
    const ctx: MigrationContext = {
      dialect,
      db,
      execute: async (statement) => {
        await exec.execute(statement);
      },
      query: rawQuery(db),
      sql,
      log: () => {},
      op: createOperations(exec),
      offline: true,
    };
    await script[direction](ctx);
    const foreignKeysOff =
      dialect === 'sqlite' && (exec.needsForeignKeysOff || script.sqlite_foreign_keys === 'off');
    out.push(
      `-- Running ${direction} ${rowsBefore.join(', ') || 'base'} -> ` +
        `${rowsAfter.join(', ') || 'base'}: ${rev.message}`,
    );
    if (foreignKeysOff) {
      out.push(
        '-- This revision rebuilds tables: foreign keys are off around its transaction.',
        'PRAGMA foreign_keys = OFF;',
      );
    }
    out.push('BEGIN;', ...exec.statements.map(terminate));
    out.push(...versionStatements(rowsBefore, rowsAfter, dialect).map(terminate));
    if (foreignKeysOff) {
      out.push(
        '-- Before COMMIT: if this lists a row it did not list before BEGIN, run ROLLBACK instead.',
        'PRAGMA foreign_key_check;',
      );
    }
    out.push('COMMIT;');
    if (foreignKeysOff) out.push('PRAGMA foreign_keys = ON;');
    out.push('');
  }
  return out.join('\n');
}

function terminate(statement: string): string {
  return `${statement.trim().replace(/;\s*$/, '')};`;
}

/** The version-table writes that move it from `before` to `after`, as the engine makes them. */
function versionStatements(
  before: readonly string[],
  after: readonly string[],
  dialect: DialectName,
): string[] {
  const removed = before.filter((v) => !after.includes(v));
  const added = after.filter((v) => !before.includes(v));
  const lit = (v: string): string => literal(v, dialect);
  if (removed.length === 1 && added.length === 1) {
    return [
      `UPDATE alembic_version SET version_num = ${lit(added[0]!)} WHERE version_num = ${lit(removed[0]!)}`,
    ];
  }
  return [
    ...removed.map((v) => `DELETE FROM alembic_version WHERE version_num = ${lit(v)}`),
    ...added.map((v) => `INSERT INTO alembic_version (version_num) VALUES (${lit(v)})`),
  ];
}
