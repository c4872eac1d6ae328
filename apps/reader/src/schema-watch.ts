import { databaseUnavailableReason } from '@meshview/db';
import type { Logger } from '@meshview/log';
import type { DatabaseStatus, StatusSource } from '@meshview/migrate';

/** Whether the reader should take traffic, and why not. */
export interface Readiness {
  readonly ready: boolean;
  readonly reason: string;
}

/**
 * Keeps watching the schema after the reader listens: while a migration runs or the database is
 * not at the reader's head, readiness is false (the reader keeps serving what it can).
 */
export class SchemaWatch {
  readonly #source: StatusSource;
  readonly #intervalMs: number;
  readonly #logger: Logger;
  #latest: DatabaseStatus | undefined;
  #error: string | undefined;
  #timer: NodeJS.Timeout | undefined;
  #lastReason: string | undefined;

  constructor(props: {
    readonly source: StatusSource;
    readonly intervalMs: number;
    readonly logger: Logger;
    readonly initial?: DatabaseStatus;
  }) {
    this.#source = props.source;
    this.#intervalMs = props.intervalMs;
    this.#logger = props.logger;
    this.#latest = props.initial;
  }

  /** The last status read, undefined before the first. */
  get latest(): DatabaseStatus | undefined {
    return this.#latest;
  }

  get readiness(): Readiness {
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
