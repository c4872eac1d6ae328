import type { DialectName } from '@meshview/schema';
import type { Kysely, sql } from 'kysely';
import type { Operations } from './operations/types.js';
import type { UntypedTables } from './untyped-tables.js';

/**
 * What a revision's `upgrade` and `downgrade` receive. Everything runs inside the revision's own
 * transaction, which the engine commits together with the version-table update.
 */
export interface MigrationContext {
  /** Which database this is, for the statements that differ. */
  readonly dialect: DialectName;
  /**
   * The transaction's connection; do not open transactions of your own on it. Untyped: a row's
   * values are `unknown` until the script narrows them.
   */
  readonly db: Kysely<UntypedTables>;
  /** Runs one raw SQL statement (with offline SQL: prints it). */
  execute(statement: string): Promise<void>;
  /**
   * Runs one SQL statement with parameters through `db` and returns its rows. Placeholders are
   * the database's own: `?` on SQLite, `$1`, `$2`… on PostgreSQL. Offline, like any query
   * through `db`, it is printed and returns no rows.
   */
  query<Row = Record<string, unknown>>(
    statement: string,
    parameters?: readonly unknown[],
  ): Promise<Row[]>;
  /**
   * Kysely's `sql` tag, the engine's own: raw fragments in the schema builder (a default of
   * CURRENT_TIMESTAMP) and raw queries run with `.execute(ctx.db)`. A script that takes it from
   * here instead of importing `kysely` costs nothing to load: the CLI carries Kysely bundled in,
   * while an `import` loads the package's few hundred files for every command that reads the
   * scripts (`current`, `upgrade`…).
   */
  readonly sql: typeof sql;
  /** Schema operations (create, alter, drop; safe table rebuilds on SQLite). */
  readonly op: Operations;
  /**
   * True while rendering offline SQL (`--sql`): statements are printed, not run, and queries
   * through `db` return no rows. A script that reads data to decide what to do checks this.
   */
  readonly offline: boolean;
  /** Logs a progress line under the revision's name. */
  log(message: string): void;
}

/**
 * The module a migration script exports. Scripts import only types (`ctx` carries Kysely's `sql`
 * tag and a raw `query`), never the application's models: a migration is frozen in time.
 *
 * @example
 * export const revision = '4f1d2a9c8b71';
 * export const down_revision = '23dad03d2e42';
 * export const message = 'add daily_snapshot';
 * export async function upgrade(ctx: MigrationContext) { await ctx.execute('CREATE TABLE …'); }
 * export async function downgrade(ctx: MigrationContext) { await ctx.execute('DROP TABLE …'); }
 */
export interface MigrationScript {
  readonly revision: string;
  /** null for a root, one id, or several for a merge revision. */
  readonly down_revision: string | readonly string[] | null;
  readonly message: string;
  readonly create_date?: string;
  /**
   * `'off'`: on SQLite, run this revision with foreign keys off, from before its transaction
   * begins to after it ends, with `PRAGMA foreign_key_check` before it commits (rows it leaves
   * orphaned roll it back). Revisions whose operations rebuild a table need it; the engine finds
   * that out by itself (it rolls back and runs the revision again), so declaring it only saves
   * that first attempt. Ignored on PostgreSQL.
   */
  readonly sqlite_foreign_keys?: 'off';
  upgrade(ctx: MigrationContext): Promise<void>;
  downgrade(ctx: MigrationContext): Promise<void>;
}
