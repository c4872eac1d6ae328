import type { StatsTopQuery } from '@meshview/api';

/** The windows the top page offers, as `/api/stats/top`'s `period_type` and `length`. */
export const TOP_WINDOWS = {
  '1h': { period_type: 'hour', length: 1 },
  '6h': { period_type: 'hour', length: 6 },
  '24h': { period_type: 'hour', length: 24 },
  '3d': { period_type: 'day', length: 3 },
  '7d': { period_type: 'day', length: 7 },
} as const;
export type TopWindow = keyof typeof TOP_WINDOWS;

/** The columns the table sorts by (the API's `sort`). */
export const TOP_SORTS = ['name', 'sent', 'seen', 'avg'] as const;
export type TopSort = (typeof TOP_SORTS)[number];

/** Rows a page, as MeshView's. */
export const PAGE_SIZE = 20;

/** What the top page shows, as kept in its URL (`window`, `sort`, `order`, `page`; `channel` apart). */
export interface TopView {
  readonly window: TopWindow;
  readonly sort: TopSort;
  readonly order: 'asc' | 'desc';
  /** 1-based. */
  readonly page: number;
}

const DEFAULT: TopView = { window: '24h', sort: 'seen', order: 'desc', page: 1 };

/** The view in `query`; anything unknown or malformed falls back to the default. */
export function parseTopView(query: URLSearchParams): TopView {
  const window = query.get('window');
  const sort = query.get('sort');
  const order = query.get('order');
  const page = Number(query.get('page') ?? '1');
  return {
    window: window !== null && window in TOP_WINDOWS ? (window as TopWindow) : DEFAULT.window,
    sort: TOP_SORTS.find((s) => s === sort) ?? DEFAULT.sort,
    order: order === 'asc' || order === 'desc' ? order : DEFAULT.order,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The URL query of `view`, default values left out. */
export function topViewQuery(view: TopView): Record<string, string | null> {
  return {
    window: view.window === DEFAULT.window ? null : view.window,
    sort: view.sort === DEFAULT.sort ? null : view.sort,
    order: view.order === DEFAULT.order ? null : view.order,
    page: view.page === 1 ? null : String(view.page),
  };
}

/** `/api/stats/top`'s parameters for `view` on `channel` (`undefined`: every channel). */
export function topQuery(view: TopView, channel: string | undefined): Partial<StatsTopQuery> {
  return {
    ...TOP_WINDOWS[view.window],
    channel,
    limit: PAGE_SIZE,
    offset: (view.page - 1) * PAGE_SIZE,
    sort: view.sort,
    order: view.order,
  };
}

/** MeshView's grade of an average: good from 10 gateways a packet, ok from 2. */
export function gradeOf(avg: number): 'good' | 'ok' | 'low' {
  return avg >= 10 ? 'good' : avg >= 2 ? 'ok' : 'low';
}
