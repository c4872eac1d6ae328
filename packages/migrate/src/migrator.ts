import type * as Crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import type { Kysely, QueryExecutorProvider } from 'kysely';
import { inTransaction } from '@meshview/db/connection';
import { describeFlag, type DatabaseStatus, type SchemaState } from './database-status.js';
import type { DialectAdapter } from './dialect/dialect-adapter.js';
import { ensureEngineTables, readEngineState } from './engine-tables.js';
import { postgresAdapter } from './dialect/postgres-adapter.js';
import { sqliteAdapter } from './dialect/sqlite-adapter.js';
import { abortedError, lockLostError, MigrateError } from './errors.js';
import type { LockHolder } from './lock-holder.js';
import { silentLogger, type MigrationLogger } from './migration-logger.js';
import type { DialectName } from '@meshview/schema';
import type { Revision } from './revision.js';
import { RevisionGraph, type RetiredRevisions } from './revision-graph.js';
import { runRevision } from './run-revision.js';
import { StatementHook } from './statement-hook.js';
import { importScript, loadRevisions, type ScriptLocation } from './script-directory.js';
import { downgradePlanner, upgradePlanner, type Planner } from './target-planner.js';
import { acquireMigrationLock, releaseMigrationLock } from './migration-lock.js';
import { clearFlag, setFlag, type MigrationFlag } from './status-table.js';
import type { UntypedTables } from './untyped-tables.js';
import { readVersions, writeVersions } from './version-table.js';

/** What a Migrator works on: `DB` is the database's Kysely type, which the engine does not use. */
export interface MigratorProps<DB> {
  readonly dialect: DialectName;
  readonly db: Kysely<DB>;
  readonly scripts: ScriptLocation;
  /** Revision ids the scripts retired, with what to tell a user whose database is at one. */
  readonly retired?: RetiredRevisions;
  readonly logger?: MigrationLogger;
  /**
   * How long a migrator may go without finishing a revision before those waiting for the lock
   * warn that it may be stuck (default 30 s). Nobody takes the lock from a live holder, and a
   * dead one loses it at once, on both databases.
   */
  readonly lockLeaseMs?: number;
  /**
   * SQLite: a table rebuild copies a table of more rows than this in steps of this many, with a
   * progress line each step (default 100,000).
   */
  readonly rebuildChunkRows?: number;
  /**
   * Runs under the lock with the flag set, before the first revision of a run that has work to
   * do (a backup, say). Not inside a transaction. Throwing aborts the run.
   */
  readonly beforeMigrate?: (run: BeforeMigrate) => Promise<void>;
  /**
   * Runs under the lock with the flag still set, after a run's last revision committed and before
   * the flag is cleared (not after a failure). For tests that stop a migrator at that moment.
   */
  readonly afterMigrate?: (run: BeforeMigrate) => Promise<void>;
  /**
   * Called synchronously just before each statement that a run sends on the lock holder's
   * connection (taking the lock, the flag, every revision's statements with its BEGIN and COMMIT,
   * clearing the flag, letting the lock go), with its SQL. For tests that stop a migrator at a
   * chosen statement; nothing else should need it.
   */
  readonly onStatement?: (sql: string) => void;
}

/** What {@link MigratorProps.beforeMigrate} is told. */
export interface BeforeMigrate {
  /** The lock holder's connection, outside any transaction. */
  readonly db: Kysely<UntypedTables>;
  readonly dialect: DialectName;
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly revisions: readonly string[];
}

/** How a run may be stopped. */
export interface RunOptions {
  /** Aborting stops the run before its next revision; the one running completes or rolls back. */
  readonly signal?: AbortSignal;
}

/** One revision applied or undone. */
export interface MigrationStep {
  readonly revision: string;
  readonly direction: 'upgrade' | 'downgrade';
  readonly file: string;
  readonly ms: number;
}

/** What an upgrade, downgrade or stamp did. */
export interface MigrationRun {
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly steps: readonly MigrationStep[];
}

type Direction = 'upgrade' | 'downgrade';

const ADAPTERS: Readonly<Record<DialectName, DialectAdapter>> = {
  sqlite: sqliteAdapter,
  postgres: postgresAdapter,
};

/**
 * The migration engine over one database and one scripts folder: reads where the database stands,
 * and upgrades, downgrades or stamps it under the migration lock and the in-progress flag, each
 * revision in its own transaction together with its version-row update.
 *
 * @example
 * const migrator = await Migrator.create({ dialect: 'sqlite', db, scripts: { dir, compiledDir } });
 * await migrator.upgrade('head');
 */
export class Migrator {
  readonly graph: RevisionGraph;
  readonly #props: MigratorProps<UntypedTables>;
  readonly #adapter: DialectAdapter;
  readonly #logger: MigrationLogger;

  private constructor(props: MigratorProps<UntypedTables>, graph: RevisionGraph) {
    this.#props = props;
    this.graph = graph;
    this.#adapter = ADAPTERS[props.dialect];
    this.#logger = props.logger ?? silentLogger;
  }

  /** Loads and validates the scripts; throws on an invalid graph, naming the files. */
  static async create<DB>(props: MigratorProps<DB>): Promise<Migrator> {
    const revisions = await loadRevisions(props.scripts);
    // The engine and the scripts see the database untyped (a migration is frozen in time). A
    // Kysely's table types exist for the compiler only, and no type but `any` takes every
    // Kysely<DB>, so the one conversion is this cast.
    const db = props.db as unknown as Kysely<UntypedTables>;
    return new Migrator({ ...props, db }, new RevisionGraph(revisions, props.retired));
  }

  get dialect(): DialectName {
    return this.#props.dialect;
  }

  /** The database's revisions (the version table's rows); empty before the first revision. */
  async currentRevisions(db: QueryExecutorProvider = this.#props.db): Promise<string[]> {
    if ((await this.#adapter.columnNames(db, 'alembic_version')).length === 0) return [];
    return readVersions(db);
  }

  /** The scripts' heads (one, or none when there are no scripts). */
  headRevisions(): string[] {
    return this.graph.head === undefined ? [] : [this.graph.head];
  }

  /**
   * Where the database stands; reads only, so it works on a read-only connection. A set flag
   * counts as in progress only while its migrator lives (holds the migration lock); a flag whose
   * migrator is gone is reported `stale` and not in progress.
   */
  async status(): Promise<DatabaseStatus> {
    const db = this.#props.db;
    const tables = await readEngineState(db, this.#adapter);
    const current = tables.versions;
    const flag = tables.hasStatusTable ? await this.#checkedFlag(tables.flag, db) : undefined;
    const head = this.graph.head;
    const state = this.#classify(current);
    const summary =
      `database at ${current.join(', ') || 'base (no revision)'}, scripts' head ${head ?? 'none'}; ` +
      describeFlag(flag);
    return { state, current, head, flag, summary };
  }

  /**
   * Creates `alembic_version` and `migration_status` when missing, and upgrades MeshView's
   * three-column status table in place. Writes nothing when they are already complete.
   */
  async ensureTables(): Promise<void> {
    await ensureEngineTables(this.#props.db, this.#adapter);
  }

  /**
   * Applies revisions: `head`, `+N` (the next N), `REV` (up to and including it; partial ids
   * accepted) or `REV+N`.
   */
  async upgrade(target = 'head', options: RunOptions = {}): Promise<MigrationRun> {
    return this.#migrate('upgrade', upgradePlanner(this.graph, target), options);
  }

  /** Undoes revisions: `-N`, `base`, `REV` (down to, not including, it) or `REV-N`. */
  async downgrade(target: string, options: RunOptions = {}): Promise<MigrationRun> {
    return this.#migrate('downgrade', downgradePlanner(this.graph, target), options);
  }

  /** Sets the version table to `REV`, `head` or `base` without running any script. */
  async stamp(target: string): Promise<MigrationRun> {
    const to = target === 'base' ? [] : [this.graph.resolve(target)];
    await this.ensureTables();
    return this.#withLock(undefined, async (conn, holder) => {
      const from = await this.currentRevisions(conn);
      await inTransaction(
        conn,
        (c) => this.#adapter.begin(c),
        async () => {
          await this.#adapter.verifyLock(conn, holder);
          await writeVersions(conn, from, to);
        },
      );
      this.#logger.info({ from, to }, `stamped the database at ${to.join(', ') || 'base'}`);
      return { from, to, steps: [] };
    });
  }

  /** `flag`, with whether a set flag's migrator still lives (holds the lock) checked. */
  async #checkedFlag(
    flag: MigrationFlag | undefined,
    db: QueryExecutorProvider,
  ): Promise<MigrationFlag | undefined> {
    if (!flag?.inProgress) return flag;
    try {
      return (await this.#adapter.lockHeld(db))
        ? flag
        : { ...flag, inProgress: false, stale: true };
    } catch (error) {
      return { ...flag, livenessUnknown: (error as Error).message ?? String(error) };
    }
  }

  /**
   * With nothing to run: a flag left by a migrator that died is cleared under the lock (taking the
   * lock clears it, see acquireMigrationLock). A flag whose migrator lives is left to it.
   */
  async #settleFlag(
    signal: AbortSignal | undefined,
    read: MigrationFlag | undefined,
  ): Promise<void> {
    const flag = await this.#checkedFlag(read, this.#props.db);
    if (!flag?.inProgress && !flag?.stale) return;
    if (flag.inProgress) {
      this.#logger.info(
        { holderHost: flag.ownerHost, holderPid: flag.ownerPid },
        `a migration runs (${describeFlag(flag)}); left to it`,
      );
      return;
    }
    await this.#withLock(signal, async () => {});
  }

  #classify(current: readonly string[]): SchemaState {
    const strangers = current.filter((id) => !this.graph.has(id));
    if (strangers.some((id) => this.graph.retiredMessage(id) !== undefined)) return 'retired';
    if (strangers.length > 0) return 'unknown';
    const heads = this.headRevisions();
    if (current.length === heads.length && current.every((id) => heads.includes(id))) {
      return 'current';
    }
    return current.length === 0 ? 'empty' : 'behind';
  }

  /** Throws when the database is at a revision the scripts do not have, naming both. */
  #assertKnown(current: readonly string[]): void {
    for (const id of current) {
      if (this.graph.has(id)) continue;
      const retired = this.graph.retiredMessage(id);
      if (retired !== undefined) throw new MigrateError('MIGRATE_RETIRED_REVISION', retired);
      throw new MigrateError(
        'MIGRATE_DATABASE_AHEAD',
        `the database is at revision ${id}, which these scripts do not have (their head is ` +
          `${this.graph.head ?? 'none'}): newer code migrated it; run that version, or downgrade ` +
          `the database with it to ${this.graph.head ?? 'base'}`,
      );
    }
  }

  #assertRunnable(): void {
    const unreviewed = this.graph.revisions.filter((r) => r.unreviewed !== undefined);
    if (unreviewed.length > 0) {
      throw new MigrateError(
        'MIGRATE_SCRIPT_UNREVIEWED',
        `refusing to run: ${unreviewed.map((r) => r.unreviewed).join('; ')}`,
      );
    }
    const stale = this.graph.revisions.filter((r) => r.notRunnable !== undefined);
    if (stale.length > 0) {
      throw new MigrateError(
        'MIGRATE_SCRIPT_NOT_COMPILED',
        `refusing to run: ${stale.map((r) => r.notRunnable).join('; ')}`,
      );
    }
  }

  async #migrate(
    direction: Direction,
    plan: Planner,
    { signal }: RunOptions,
  ): Promise<MigrationRun> {
    this.#assertRunnable();
    const tables = await ensureEngineTables(this.#props.db, this.#adapter);
    const before = tables.versions;
    this.#assertKnown(before);
    if (plan(before).length === 0) {
      await this.#settleFlag(signal, tables.flag);
      this.#logger.info({ current: before }, 'database is up to date; nothing to do');
      return { from: before, to: before, steps: [] };
    }
    return this.#withLock(signal, async (conn, holder) => {
      // Another process may have migrated while this one waited for the lock: plan again.
      const from = await this.currentRevisions(conn);
      this.#assertKnown(from);
      const steps = plan(from);
      if (steps.length === 0) {
        this.#logger.info({ current: from }, 'another process migrated meanwhile; nothing to do');
        return { from, to: from, steps: [] };
      }
      const applied = this.graph.ancestors(from);
      for (const id of steps) {
        if (direction === 'upgrade') applied.add(id);
        else applied.delete(id);
      }
      const to = this.graph.headsOf(applied);
      if (signal?.aborted) throw abortedError('before the migration began');
      if (!(await setFlag(conn, holder, from, to))) throw lockLostError();
      this.#logger.info(
        { from, to, revisions: steps },
        `${direction === 'upgrade' ? 'upgrading' : 'downgrading'} from ${from.join(', ') || 'base'} ` +
          `to ${to.join(', ') || 'base'} (${steps.length} revision(s))`,
      );
      let failure: unknown;
      const done: MigrationStep[] = [];
      const run: BeforeMigrate = {
        db: conn,
        dialect: this.#props.dialect,
        from,
        to,
        revisions: steps,
      };
      try {
        await this.#props.beforeMigrate?.(run);
        const state = this.graph.ancestors(from);
        for (const id of steps) {
          if (signal?.aborted) {
            throw abortedError(
              `after ${done.length} of ${steps.length} revision(s); the database is at ` +
                (this.graph.headsOf(state).join(', ') || 'base'),
            );
          }
          done.push(await this.#apply(conn, holder, id, direction, state));
        }
        await this.#props.afterMigrate?.(run);
      } catch (error) {
        failure = error;
        throw error;
      } finally {
        const message =
          failure === undefined ? null : String((failure as Error).message ?? failure);
        const cleared = await clearFlag(conn, holder, message).catch((error: unknown) => {
          this.#logger.error({ err: error }, 'could not clear the migration flag');
          return true;
        });
        if (!cleared) {
          this.#logger.warn(
            {},
            'the lock was taken over meanwhile: left the flag to its new holder',
          );
        }
      }
      this.#logger.info({ current: to }, `database at ${to.join(', ') || 'base'}`);
      return { from, to, steps: done };
    });
  }

  /** Runs one revision in its own transaction with its version-row update (see runRevision). */
  async #apply(
    conn: Kysely<UntypedTables>,
    holder: LockHolder,
    id: string,
    direction: Direction,
    applied: Set<string>,
  ): Promise<MigrationStep> {
    const rev: Revision = this.graph.get(id);
    const script = await importScript(rev.runnable);
    const rowsBefore = this.graph.headsOf(applied);
    const next = new Set(applied);
    if (direction === 'upgrade') next.add(id);
    else next.delete(id);
    const rowsAfter = this.graph.headsOf(next);
    this.#logger.info({ revision: id, file: rev.file }, `${direction} ${id}: ${rev.message}`);
    // process.hrtime, not performance.now(): the first use of `performance` loads Node's
    // perf_hooks, some 2 ms of every `meshview-migrate upgrade`.
    const started = process.hrtime.bigint();
    await runRevision({
      conn,
      adapter: this.#adapter,
      dialect: this.#props.dialect,
      holder,
      logger: this.#logger,
      rev,
      script,
      direction,
      rowsBefore,
      rowsAfter,
      copyChunkRows: this.#props.rebuildChunkRows,
    });
    const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
    if (direction === 'upgrade') applied.add(id);
    else applied.delete(id);
    this.#logger.info({ revision: id, ms }, `${direction} ${id} done`);
    return { revision: id, direction, file: rev.file, ms };
  }

  /**
   * Runs `work` on one dedicated connection while it holds the migration lock; a stale flag found
   * on taking it is cleared first.
   */
  async #withLock<T>(
    signal: AbortSignal | undefined,
    work: (conn: Kysely<UntypedTables>, holder: LockHolder) => Promise<T>,
  ): Promise<T> {
    // node:crypto is loaded here, by the verbs that take the lock: loading it cost every verb of
    // meshview-migrate some 5 ms.
    const { randomUUID } = createRequire(import.meta.url)('node:crypto') as typeof Crypto;
    const holder: LockHolder = { host: hostname(), pid: process.pid, token: randomUUID() };
    const { onStatement } = this.#props;
    return this.#props.db.connection().execute(async (pinned) => {
      const conn = onStatement
        ? pinned.withPlugin(
            new StatementHook(
              onStatement,
              (node, queryId) => pinned.getExecutor().compileQuery(node, queryId).sql,
            ),
          )
        : pinned;
      await acquireMigrationLock(conn, {
        adapter: this.#adapter,
        holder,
        leaseMs: this.#props.lockLeaseMs ?? 30_000,
        logger: this.#logger,
        signal,
      });
      try {
        return await work(conn, holder);
      } finally {
        await releaseMigrationLock(conn, this.#adapter, holder).catch((error: unknown) =>
          this.#logger.error({ err: error }, 'could not release the migration lock'),
        );
      }
    });
  }
}
