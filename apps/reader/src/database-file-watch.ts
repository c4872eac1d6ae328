import { open, stat } from 'node:fs/promises';
import type { DatabaseConnection } from '@meshview/db';
import type { Logger } from '@meshview/log';

/** The first 16 bytes of every SQLite database file. */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** What the reader needs of a file watch: a check per poll, and the problem it found. */
export interface DatabaseFileCheck {
  check(): Promise<void>;
  /** Why the database file cannot be served now, naming it and the fix; undefined when it can. */
  readonly problem: string | undefined;
}

/**
 * Watches the reader's SQLite file under its path, at each schema poll. An open handle keeps
 * reading the file it opened: deleted, moved away or replaced, the reader would go on serving
 * what is no longer the database, or serve it forever from a deleted inode. So:
 * - the path is gone → a problem (the API answers 503 with it) until a file is there again;
 * - the file does not start as a SQLite database does (overwritten with other bytes) → a problem
 *   until it does again;
 * - a different file at the path (another inode: a restored backup renamed over it, the file put
 *   back) or a file that was bad → the connection is opened again on it, and `onReopen` runs.
 */
export class DatabaseFileWatch implements DatabaseFileCheck {
  readonly #database: DatabaseConnection;
  readonly #file: string;
  readonly #logger: Logger;
  readonly #onReopen: () => Promise<void>;
  #identity: string | undefined;
  #problem: string | undefined;
  #reopen = false;

  constructor(props: {
    /** The reader's read-only SQLite connection (it has `reopen`). */
    readonly database: DatabaseConnection;
    readonly logger: Logger;
    /** Runs after the connection was opened again (the schema source reopens its own). */
    readonly onReopen?: () => Promise<void>;
  }) {
    const { target } = props.database;
    if (target.dialect !== 'sqlite' || !props.database.reopen) {
      throw new TypeError('DatabaseFileWatch watches a SQLite connection that can reopen');
    }
    this.#database = props.database;
    this.#file = target.filename;
    this.#logger = props.logger;
    this.#onReopen = props.onReopen ?? (() => Promise.resolve());
  }

  get problem(): string | undefined {
    return this.#problem;
  }

  /** Notes the file the connection has open now; call once, right after opening it. */
  async start(): Promise<void> {
    this.#identity = await this.#identityNow();
  }

  async check(): Promise<void> {
    const identity = await this.#identityNow();
    if (identity === undefined) {
      return this.#fail(
        `database file ${this.#file} is missing (deleted or moved away): put it back or ` +
          'restore a backup there, or start the writer to create it; the reader goes on by ' +
          'itself once it is there',
      );
    }
    if (!(await this.#looksLikeSqlite())) {
      this.#reopen = true;
      return this.#fail(
        `database file ${this.#file} is not a SQLite database (overwritten or damaged): ` +
          'restore a backup there; the reader goes on by itself once it is there',
      );
    }
    if (this.#reopen || identity !== this.#identity) {
      try {
        await this.#database.reopen!();
        await this.#onReopen();
      } catch (error) {
        return this.#fail(
          `database file ${this.#file} cannot be opened again: ${(error as Error).message}`,
        );
      }
      this.#logger.info(
        { file: this.#file },
        `database file ${this.#file} was replaced or put back: reading the file now at that path`,
      );
      this.#identity = identity;
      this.#reopen = false;
    }
    if (this.#problem !== undefined) {
      this.#logger.info({ file: this.#file }, `database file ${this.#file} is back`);
      this.#problem = undefined;
    }
  }

  #fail(problem: string): void {
    if (problem !== this.#problem) this.#logger.warn({ file: this.#file }, problem);
    this.#problem = problem;
    // Whatever comes back at the path is opened afresh: it may be another file with the same
    // inode (copied over in place).
    this.#reopen = true;
  }

  /** The file's device and inode, or undefined when nothing is at the path. */
  async #identityNow(): Promise<string | undefined> {
    try {
      const s = await stat(this.#file);
      return `${s.dev}:${s.ino}`;
    } catch {
      return undefined;
    }
  }

  async #looksLikeSqlite(): Promise<boolean> {
    try {
      const handle = await open(this.#file, 'r');
      try {
        const head = Buffer.alloc(SQLITE_MAGIC.length);
        const { bytesRead } = await handle.read(head, 0, head.length, 0);
        return bytesRead === head.length && head.equals(SQLITE_MAGIC);
      } finally {
        await handle.close();
      }
    } catch {
      return false;
    }
  }
}
