import type { Kysely } from 'kysely';
import type { DialectName } from '@meshview/db';

/** The writer's running totals, as the ingest pipeline counts them. */
export interface WriterCounters {
  readonly received: number;
  readonly stored: number;
  readonly duplicates: number;
  readonly undecryptable: number;
  readonly malformed: number;
  readonly skipped: number;
  readonly rateLimited: number;
  readonly dropped: number;
  readonly reconnects: number;
}

/** The `writer_stats` table (migration ef8c9c0f7bd5), for Kysely. */
export interface WriterStatsTable {
  writer_id: string;
  started_us: number;
  updated_us: number;
  received: number;
  stored: number;
  duplicates: number;
  undecryptable: number;
  malformed: number;
  skipped: number;
  rate_limited: number;
  dropped: number;
  reconnects: number;
}

/** What a `StatsStore` needs. */
export interface StatsStoreProps {
  readonly db: Kysely<any>;
  /** Taken like every store's; the upsert is spelled the same on both databases. */
  readonly dialect: DialectName;
  /** This writer's row: `host:pid`, or the MQTT client id. */
  readonly writerId: string;
  /** When this writer started, µs since the epoch. */
  readonly startedUs: number;
  /** The clock, ms since the epoch; `Date.now` by default. */
  readonly now?: () => number;
}

/**
 * Writes the writer's counters to its `writer_stats` row (one upsert), so that readers on other
 * machines can show them.
 *
 * @example
 * const stats = new StatsStore({ db, dialect, writerId: `${hostname()}:${process.pid}`, startedUs });
 * await stats.write(counters.snapshot());
 */
export class StatsStore {
  readonly #db: Kysely<{ writer_stats: WriterStatsTable }>;
  readonly #writerId: string;
  readonly #startedUs: number;
  readonly #now: () => number;

  constructor(props: StatsStoreProps) {
    this.#db = props.db;
    this.#writerId = props.writerId;
    this.#startedUs = props.startedUs;
    this.#now = props.now ?? Date.now;
  }

  /** Upserts this writer's row with `counters` and the current time. */
  async write(counters: WriterCounters): Promise<void> {
    const values = {
      updated_us: this.#now() * 1000,
      received: counters.received,
      stored: counters.stored,
      duplicates: counters.duplicates,
      undecryptable: counters.undecryptable,
      malformed: counters.malformed,
      skipped: counters.skipped,
      rate_limited: counters.rateLimited,
      dropped: counters.dropped,
      reconnects: counters.reconnects,
    };
    await this.#db
      .insertInto('writer_stats')
      .values({ writer_id: this.#writerId, started_us: this.#startedUs, ...values })
      .onConflict((oc) =>
        oc.column('writer_id').doUpdateSet({ started_us: this.#startedUs, ...values }),
      )
      .execute();
  }
}
