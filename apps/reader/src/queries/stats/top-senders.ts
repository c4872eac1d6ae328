import type { Kysely } from 'kysely';
import type { Database } from '@meshview/db';
import { averageSeen, orderTop, type TopOrder, type TopSort } from './top-order.js';
import { SenderTotals } from './sender-totals.js';
import { rankSenders, type SenderRanking, type TopNode } from './top-senders.query.js';
import { windowStartUs, type PeriodType } from './stats-window.js';
import { TtlCache, type CacheCounts } from '../../ttl-cache.js';

/** One page of `/api/stats/top`. */
export interface TopPage {
  readonly total: number;
  readonly nodes: readonly (TopNode & { readonly avg: number })[];
}

/** A window's ranking, computed once and paged many times. */
interface Ranking extends SenderRanking {
  /** Every node in another order than the default (`sort` and `order`), by `sort:order`. */
  readonly orders: Map<string, readonly TopNode[]>;
}

/**
 * The windows {@link TopSenders.warm} sums ahead: the top page's (its hour windows are today's
 * hours and yesterday's, its day windows whole days and the hours of the day they start in).
 */
const WARM_WINDOWS: readonly (readonly [PeriodType, number])[] = [
  ['day', 14],
  ['day', 7],
  ['day', 3],
  ['hour', 24],
];

/** How long a ranking is served: a page refresh or the next page reuses it. */
const RANKING_TTL_MS = 10_000;

/**
 * `/api/stats/top`: every known node (MeshView's LEFT JOIN from `node`), ranked by receptions of
 * its packets in the window, then packets sent, then node number; the nodes without traffic
 * follow by node number. The sums come from {@link SenderTotals} (complete hours and days summed
 * once), and a window's ranking is computed once per {@link RANKING_TTL_MS} and pages are cut
 * from it. Another sort (`sent`, `avg`, `name`, either direction) reorders that ranking, with
 * the idle nodes, once per ranking: no query per sort.
 */
export class TopSenders {
  readonly #db: Kysely<Database>;
  readonly #now: () => number;
  readonly #cache: TtlCache<Ranking>;
  readonly #totals: SenderTotals;

  constructor(props: {
    readonly db: Kysely<Database>;
    readonly now: () => number;
    /** Told whether each page's ranking was reused or computed (the answer cache's metrics). */
    readonly counts?: CacheCounts | undefined;
  }) {
    this.#db = props.db;
    this.#now = props.now;
    this.#totals = new SenderTotals({ db: props.db, now: props.now });
    this.#cache = new TtlCache({
      ttlMs: RANKING_TTL_MS,
      maxEntries: 256,
      now: props.now,
      counts: props.counts,
    });
  }

  async page(props: {
    readonly period: PeriodType;
    readonly length: number;
    readonly channel?: string | undefined;
    readonly limit: number;
    readonly offset: number;
    readonly sort?: TopSort | undefined;
    readonly order?: TopOrder | undefined;
  }): Promise<TopPage> {
    const nowUs = this.#now() * 1000;
    const startUs = windowStartUs(nowUs, props.period, props.length);
    const { channel, limit, offset, sort = 'seen', order = 'desc' } = props;
    const key = `${startUs}\u0000${channel ?? '\u0001'}`;
    const ranking: Ranking = await this.#cache.get(key, async () => ({
      ...(await rankSenders(this.#db, this.#totals, { startUs, nowUs, channel })),
      orders: new Map(),
    }));
    const withAvg = (nodes: readonly TopNode[]) =>
      nodes.map((n) => ({ ...n, avg: averageSeen(n) }));
    if (sort !== 'seen' || order !== 'desc') {
      const name = `${sort}:${order}`;
      let ordered = ranking.orders.get(name);
      if (ordered === undefined) {
        ordered = orderTop([...ranking.active, ...ranking.idle], sort, order);
        ranking.orders.set(name, ordered);
      }
      return { total: ranking.total, nodes: withAvg(ordered.slice(offset, offset + limit)) };
    }
    const nodes = ranking.active.slice(offset, offset + limit);
    if (nodes.length < limit) {
      const from = Math.max(0, offset - ranking.active.length);
      nodes.push(...ranking.idle.slice(from, from + limit - nodes.length));
    }
    return { total: ranking.total, nodes: withAvg(nodes) };
  }

  /**
   * Sums the complete hours and days of the top page's windows ahead of the first visitor, who
   * would otherwise wait for all of them.
   */
  async warm(): Promise<void> {
    const nowUs = this.#now() * 1000;
    for (const [period, length] of WARM_WINDOWS) {
      await this.#totals.window(windowStartUs(nowUs, period, length), nowUs);
    }
  }
}
