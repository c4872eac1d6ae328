import { databaseUnavailableReason } from '@meshview/db';
import type { Logger } from '@meshview/log';
import type { DatabaseStatus, StatusSource } from '@meshview/migrate';
import type { DatabaseFileCheck } from './database-file-watch.js';

/** Whether the reader should take traffic, and why not. */
export interface Readiness {
  readonly ready: boolean;
  readonly reason: string;
}

/**
 * Keeps watching the schema after the reader listens: while a migration runs or the database is
 * not at the reader's head, readiness is false (the reader keeps serving what it can). With a
 * `file` check (SQLite), each poll looks at the database file first: while it has a problem
 * (missing, not a database), readiness is false with that reason and `databaseProblem` says it.
 */
export class SchemaWatch {
  readonly #source: StatusSource;
  readonly #intervalMs: number;
  readonly #logger: Logger;
  readonly #file: DatabaseFileCheck | undefined;
  #latest: DatabaseStatus | undefined;
  #error: string | undefined;
  #timer: NodeJS.Timeout | undefined;
  #lastReason: string | undefined;

  constructor(props: {
    readonly source: StatusSource;
    readonly intervalMs: number;
    readonly logger: Logger;
    readonly initial?: DatabaseStatus;
    readonly file?: DatabaseFileCheck;
  }) {
    this.#file = props.file;
    this.#source = props.source;
    this.#intervalMs = props.intervalMs;
    this.#logger = props.logger;
    this.#latest = props.initial;
  }

  /** The last status read, undefined before the first. */
  get latest(): DatabaseStatus | undefined {
    return this.#latest;
  }

  /** Why the database cannot be served at all now (its file is gone or damaged), if it cannot. */
  get databaseProblem(): string | undefined {
    return this.#file?.problem;
  }

  get readiness(): Readiness {
    const problem = this.databaseProblem;
    if (problem !== undefined) return { ready: false, reason: problem };
    if (this.#error !== undefined) return { ready: false, reason: this.#error };
    const status = this.#latest;
    if (!status) return { ready: false, reason: 'schema state not read yet' };
    if (status.flag?.inProgress)
      return { ready: false, reason: `migration in progress: ${status.summary}` };
    if (status.state !== 'current')
      return { ready: false, reason: `schema is ${status.state}: ${status.summary}` };
    return { ready: true, reason: status.summary };
  }

  /** Reads the status once now. */
  async refresh(): Promise<void> {
    await this.#file?.check();
    try {
      this.#latest = await this.#source.status();
      this.#error = undefined;
    } catch (error) {
      this.#error = `cannot read the schema state: ${
        databaseUnavailableReason(error) ?? (error as Error).message ?? String(error)
      }`;
    }
    const { ready, reason } = this.readiness;
    const key = `${ready}:${reason}`;
    if (key !== this.#lastReason) {
      this.#lastReason = key;
      if (ready) this.#logger.info({ ready }, `ready: ${reason}`);
      else this.#logger.warn({ ready }, `not ready: ${reason}`);
    }
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.refresh(), this.#intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
