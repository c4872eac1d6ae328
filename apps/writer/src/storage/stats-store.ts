import type { Kysely } from 'kysely';
import { WRITER_COUNTERS, type Database, type DialectName } from '@meshview/db';
import type { CounterValues } from '../ingest/ingest-counters.js';

/** What a `StatsStore` needs. */
export interface StatsStoreProps {
  readonly db: Kysely<Database>;
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
  readonly #db: Kysely<Database>;
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
  async write(counters: Readonly<CounterValues>): Promise<void> {
    const values = {
      updated_us: this.#now() * 1000,
      ...(Object.fromEntries(
        WRITER_COUNTERS.map((name) => [name, counters[name]]),
      ) as CounterValues),
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
