import { sql, type Kysely } from 'kysely';
import { DAY_US, HOUR_US, type Database, type RollupGranularity } from '@meshview/db';
import { TtlCache } from '../../ttl-cache.js';
import { rollupTable } from './rollup-source.js';
import { windowSegments } from './stats-window.js';

/** Packets each sender sent, and receptions of them, in one bucket or a window. */
export interface SenderSums {
  /** Node numbers; `sent[i]` and `seen[i]` are `senders[i]`'s. */
  readonly senders: Float64Array;
  readonly sent: Float64Array;
  readonly seen: Float64Array;
}

/**
 * How long after its end a bucket is taken as complete: the writer buckets a packet by the time
 * it was decoded, and a batch commits up to seconds later (longer behind a backlog).
 */
const SETTLE_US = 5 * 60 * 1_000_000;
/**
 * How long a complete bucket's sums are kept. Complete buckets do not change, but retention and
 * a roll-up rebuild (a migration) may remove or recount them: this bounds how long such a change
 * goes unseen.
 */
const KEEP_MS = 60 * 60 * 1000;
/** Complete buckets kept at most: a month of days, and two days of hours, twice over. */
const MAX_BUCKETS = 160;

/**
 * Per-sender totals of the sender roll-ups over a window, from each bucket's sums: a complete
 * bucket (an hour or a day that ended {@link SETTLE_US} ago) is summed once and kept for
 * {@link KEEP_MS}; only the newest hours are read each time. `/api/stats/top`'s two-week ranking
 * read the roll-up's rows for every sender, day, recipient, channel and port (444,000 rows in
 * the benchmark's mesh, 430 ms on SQLite, blocking every other request meanwhile); from kept
 * sums it costs a merge of a few thousand numbers per day and the current hour's rows.
 */
export class SenderTotals {
  readonly #db: Kysely<Database>;
  readonly #complete: TtlCache<SenderSums>;

  constructor(props: { readonly db: Kysely<Database>; readonly now: () => number }) {
    this.#db = props.db;
    this.#complete = new TtlCache({ ttlMs: KEEP_MS, maxEntries: MAX_BUCKETS, now: props.now });
  }

  /** Each sender's totals from `startUs` (a whole hour) up to `nowUs`, as `node → [sent, seen]`. */
  async window(startUs: number, nowUs: number): Promise<Map<number, [number, number]>> {
    const parts: SenderSums[] = [];
    for (const { granularity, fromUs, toUs } of windowSegments(startUs, nowUs)) {
      const step = granularity === 'daily' ? DAY_US : HOUR_US;
      for (let bucketUs = fromUs; bucketUs < (toUs ?? nowUs); bucketUs += step) {
        if (bucketUs + step + SETTLE_US > nowUs) {
          parts.push(await this.#bucket(granularity, bucketUs));
          continue;
        }
        let summed = false;
        parts.push(
          await this.#complete.get(`${granularity} ${bucketUs}`, () => {
            summed = true;
            return this.#bucket(granularity, bucketUs);
          }),
        );
        // A day's sums read tens of thousands of rows (SQLite reads them on this thread): let
        // waiting requests in between, rather than after a whole window's worth.
        if (summed) await new Promise((resolve) => setImmediate(resolve));
      }
    }
    const totals = new Map<number, [number, number]>();
    for (const { senders, sent, seen } of parts) {
      for (let i = 0; i < senders.length; i += 1) {
        const total = totals.get(senders[i]!);
        if (total === undefined) totals.set(senders[i]!, [sent[i]!, seen[i]!]);
        else {
          total[0] += sent[i]!;
          total[1] += seen[i]!;
        }
      }
    }
    return totals;
  }

  /** One bucket's sums per sender. */
  async #bucket(granularity: RollupGranularity, bucketUs: number): Promise<SenderSums> {
    const { rows } = await senderBucketQuery(granularity, bucketUs).execute(this.#db);
    const sums: SenderSums = {
      senders: new Float64Array(rows.length),
      sent: new Float64Array(rows.length),
      seen: new Float64Array(rows.length),
    };
    rows.forEach((row, i) => {
      sums.senders[i] = Number(row.from_node_id);
      sums.sent[i] = Number(row.sent);
      sums.seen[i] = Number(row.seen);
    });
    return sums;
  }
}

/** One bucket's sums per sender: the statement {@link SenderTotals} reads. */
export function senderBucketQuery(granularity: RollupGranularity, bucketUs: number) {
  return sql<{ from_node_id: number | string; sent: number | string; seen: number | string }>`
    SELECT from_node_id, sum(packets) AS sent, sum(seen) AS seen
    FROM ${rollupTable('stats_sender', granularity)} WHERE bucket_us = ${bucketUs}
    GROUP BY from_node_id`;
}
