import type { Kysely } from 'kysely';
import type { DialectName } from '@meshview/schema';
import type { ConnectionTarget } from './connection-target.js';

/**
 * An open database: a Kysely instance and what it is connected to. `DB` is the Kysely database
 * interface; `@meshview/db`'s main entry defaults it to MeshView's `Database`, this layer knows no
 * tables.
 */
export interface DatabaseConnection<DB = unknown> {
  readonly dialect: DialectName;
  readonly db: Kysely<DB>;
  readonly target: ConnectionTarget;
  readonly readOnly: boolean;
  /** Destroys the Kysely instance, closing the SQLite handle or the pool; safe to call twice. */
  close(): Promise<void>;
  /**
   * SQLite only: opens the path again and goes on with the new handle, closing the old one (the
   * file was replaced, say by a restored backup renamed over it: the old handle still reads the
   * old file). `db` stays the same Kysely instance. Throws as opening does; the old handle is kept
   * then.
   */
  reopen?(): Promise<void>;
}

/** Options of `openDatabase`. */
export interface OpenDatabaseOptions {
  /**
   * Refuse writes, whatever statement is sent: only reads run (anything else throws
   * `ReadOnlyViolationError`, code `DB_READ_ONLY`). SQLite also opens the file read-only (it must
   * exist, no pragma writes); PostgreSQL sessions run with `default_transaction_read_only = on`
   * and each statement in its own read-only transaction. On PostgreSQL, also give the reader a
   * role without write privileges (`[database] reader_connection_string`).
   */
  readonly readOnly?: boolean;
  /** What relative SQLite paths are relative to; defaults to `process.cwd()`. */
  readonly cwd?: string;
  /** SQLite: how long to wait for another process's lock; defaults to 5000 ms. */
  readonly busyTimeoutMs?: number;
  /**
   * PostgreSQL: the most connections the pool opens at once (pg's default, 10, when absent).
   * Statements beyond it wait for a free connection. SQLite has one connection and ignores it.
   */
  readonly poolSize?: number;
  /**
   * PostgreSQL: told about errors of idle pooled connections (e.g. the server restarted); pg
   * drops such a connection and the next query opens a new one. Without it they are ignored.
   */
  readonly onIdleError?: (error: Error) => void;
  /**
   * Read-only connections only: run the statements on a thread of their own, which holds the
   * real connection (see `openOnQueryThread`), so that this thread's event loop is free for
   * other work while they run. Transactions and streamed results are refused then.
   */
  readonly queryThread?: boolean;
}
