import { sql, type Kysely } from 'kysely';
import type { Database } from '@meshview/db';
import type { Logger } from '@meshview/log';

/**
 * SQLite: copies the write-ahead log back into the database file every second, from this
 * (otherwise idle) thread, so that the ingest thread's commits do not pay for checkpoints. A
 * PASSIVE checkpoint never blocks the writer or the readers; what it cannot copy now it copies on
 * a later turn.
 */
export class WalCheckpointer {
  readonly #db: Kysely<Database>;
  readonly #logger: Logger;
  #timer: NodeJS.Timeout | undefined;
  #running = false;

  constructor(db: Kysely<Database>, logger: Logger) {
    this.#db = db;
    this.#logger = logger;
  }

  start(everyMs = 1000): void {
    this.#timer ??= setInterval(() => void this.checkpoint(), everyMs);
  }

  async checkpoint(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      await sql.raw('PRAGMA wal_checkpoint(PASSIVE)').execute(this.#db);
    } catch (error) {
      this.#logger.warn({ err: (error as Error).message }, 'WAL checkpoint failed; will retry');
    } finally {
      this.#running = false;
    }
  }

  /** Stops, after a last checkpoint. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.checkpoint();
  }
}
