import type { Logger } from '@meshview/log';
import type { CounterValues, IngestCounters } from './ingest-counters.js';

/** Where the counters are written for readers on other machines (`writer_stats`). */
export interface StatsSink {
  write(totals: Readonly<CounterValues>): Promise<void>;
}

/** How often the counters are logged and written. */
export interface StatsReporterProps {
  readonly counters: IngestCounters;
  readonly sink: StatsSink;
  readonly logger: Logger;
  /** Extra fields for the log line (what is held, say). */
  readonly extra?: () => Record<string, unknown>;
  /** Brings `counters` up to date before each report (from the ingest thread). */
  readonly refresh?: () => void;
  readonly logEveryMs?: number;
  readonly writeEveryMs?: number;
}

/**
 * Logs the counters with their rates every minute and writes them to the database every few
 * seconds; `stop` writes them a last time.
 */
export class StatsReporter {
  readonly #props: StatsReporterProps;
  readonly #timers: NodeJS.Timeout[] = [];

  constructor(props: StatsReporterProps) {
    this.#props = props;
  }

  start(): void {
    const { logEveryMs = 60_000, writeEveryMs = 5_000 } = this.#props;
    this.#timers.push(setInterval(() => this.log(), logEveryMs));
    this.#timers.push(setInterval(() => void this.#write(), writeEveryMs));
  }

  /** One log line: totals and per-second rates since the last line. */
  log(): void {
    this.#props.refresh?.();
    const { totals, perSecond } = this.#props.counters.sample();
    this.#props.logger.info({ totals, perSecond, ...this.#props.extra?.() }, 'ingest counters');
  }

  async stop(): Promise<void> {
    for (const timer of this.#timers.splice(0)) clearInterval(timer);
    this.log();
    await this.#write();
  }

  async #write(): Promise<void> {
    try {
      this.#props.refresh?.();
      await this.#props.sink.write(this.#props.counters.snapshot());
    } catch (error) {
      this.#props.logger.warn({ err: (error as Error).message }, 'could not write writer_stats');
    }
  }
}
