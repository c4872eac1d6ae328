import { sql, type Kysely } from 'kysely';
import { inTransaction } from '@meshview/db/connection';
import type { DialectAdapter } from './dialect/dialect-adapter.js';
import { compareViolations, type ForeignKeyViolation } from './dialect/foreign-key-violation.js';
import { ForeignKeyViolationError, MigrateError, RevisionFailedError } from './errors.js';
import type { LockHolder } from './lock-holder.js';
import type { MigrationLogger } from './migration-logger.js';
import type { DialectName } from '@meshview/schema';
import type { MigrationContext, MigrationScript } from './migration-script.js';
import { createOperations } from './operations/create-operations.js';
import { onlineExecutor } from './operations/online-executor.js';
import type { Revision } from './revision.js';
import { rawQuery } from './raw-query.js';
import { StatementTracker } from './statement-tracker.js';
import type { UntypedTables } from './untyped-tables.js';
import { heartbeat } from './status-table.js';
import { writeVersions } from './version-table.js';

/** How many offending rows a foreign key report names. */
const REPORTED_ROWS = 20;

/** One revision to run on the lock holder's connection. */
export interface RevisionRun {
  readonly conn: Kysely<UntypedTables>;
  readonly adapter: DialectAdapter;
  readonly dialect: DialectName;
  readonly holder: LockHolder;
  readonly logger: MigrationLogger;
  readonly rev: Revision;
  readonly script: MigrationScript;
  readonly direction: 'upgrade' | 'downgrade';
  /** The version table's rows before and after the revision. */
  readonly rowsBefore: readonly string[];
  readonly rowsAfter: readonly string[];
  /** Rows per copy step of a SQLite rebuild. */
  readonly copyChunkRows?: number | undefined;
}

/**
 * Runs one revision in its own transaction with its version-row update, the lock's fencing token
 * checked first; any error rolls it back whole. On SQLite a revision that rebuilds a table runs
 * with foreign keys off from before its transaction begins to after it ends, and
 * `PRAGMA foreign_key_check` before it commits: rows it left pointing nowhere roll it back,
 * named; rows that already did are logged. Whether it rebuilds is declared by the script
 * (`sqlite_foreign_keys = 'off'`) or learnt: an operation that needs a rebuild with foreign keys
 * on throws MIGRATE_FOREIGN_KEYS_ON, the attempt is rolled back, and the revision runs again.
 */
export async function runRevision(run: RevisionRun): Promise<void> {
  const sqlite = run.dialect === 'sqlite';
  let foreignKeysOff = sqlite && run.script.sqlite_foreign_keys === 'off';
  for (;;) {
    try {
      await attempt(run, foreignKeysOff);
      return;
    } catch (error) {
      if (!sqlite || foreignKeysOff || (error as MigrateError).code !== 'MIGRATE_FOREIGN_KEYS_ON') {
        throw error;
      }
      foreignKeysOff = true;
      run.logger.info(
        { revision: run.rev.id },
        `${run.direction} ${run.rev.id} rebuilds a table: rolled back, running it again with ` +
          'foreign keys off',
      );
    }
  }
}

async function attempt(run: RevisionRun, foreignKeysOff: boolean): Promise<void> {
  const { conn, adapter, rev, direction } = run;
  const tracker = new StatementTracker();
  const db = conn.withPlugin(tracker);
  const log = (message: string): void => run.logger.info({ revision: rev.id }, message);
  const exec = onlineExecutor({
    db,
    dialect: run.dialect,
    foreignKeysOff,
    log,
    copyChunkRows: run.copyChunkRows,
  });
  const ctx: MigrationContext = {
    dialect: run.dialect,
    db,
    execute: async (statement) => {
      await exec.execute(statement);
    },
    query: rawQuery(db),
    sql,
    log,
    op: createOperations(exec),
    offline: false,
  };
  const transaction = (): Promise<void> =>
    inTransaction(
      conn,
      (c) => adapter.begin(c),
      async () => {
        await adapter.verifyLock(conn, run.holder);
        const before = foreignKeysOff ? await adapter.foreignKeyViolations(conn) : [];
        await run.script[direction](ctx);
        tracker.take();
        if (foreignKeysOff) await checkForeignKeys(run, before);
        await writeVersions(conn, run.rowsBefore, run.rowsAfter);
        await heartbeat(conn);
      },
    );
  try {
    await (foreignKeysOff ? adapter.withForeignKeysOff(conn, transaction) : transaction());
  } catch (error) {
    const pending = tracker.take();
    const statement = pending && conn.getExecutor().compileQuery(pending.node, pending.queryId).sql;
    if (error instanceof MigrateError) throw error;
    throw new RevisionFailedError(rev.id, rev.file, direction, statement, error);
  }
}

/**
 * Before commit, with foreign keys off: rows the revision left pointing nowhere roll it back,
 * named; rows that already did before it began (MeshView's cleanup leaves such) are logged.
 */
async function checkForeignKeys(
  run: RevisionRun,
  before: readonly ForeignKeyViolation[],
): Promise<void> {
  const { conn, adapter, rev, direction } = run;
  const { added, kept } = compareViolations(before, await adapter.foreignKeyViolations(conn));
  if (added.length > 0) {
    const rows = await adapter.describeViolations(conn, added.slice(0, REPORTED_ROWS));
    throw new ForeignKeyViolationError(rev.id, rev.file, direction, rows, added.length);
  }
  if (kept.length > 0) {
    const rows = await adapter.describeViolations(conn, kept.slice(0, REPORTED_ROWS));
    const tables = [...new Set(kept.map((v) => `${v.table} → ${v.parent}`))];
    run.logger.warn(
      { revision: rev.id, orphans: kept.length, tables, sample: rows },
      `${kept.length} row(s) already pointed at no row before ${direction} ${rev.id} ` +
        `(${tables.join(', ')}); left as they were`,
    );
  }
}
