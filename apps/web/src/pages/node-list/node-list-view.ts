/**
 * The node list's view (search, filters, sort, period) as it is kept in the URL's query, so a
 * view can be shared: `/nodelist?q=alice&role=ROUTER&gw=1&sort=long_name&dir=asc`.
 */

/** The columns the list sorts by, in the table's order. */
export const SORT_KEYS = [
  'short_name',
  'long_name',
  'hw_model',
  'firmware',
  'role',
  'lat',
  'lon',
  'channel',
  'gateway',
  'last_seen',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** The periods the list offers (`api/nodes?days_active=`); `all`: every node ever seen. */
export const DAYS = ['1', '3', '7', '30', 'all'] as const;
export type Days = (typeof DAYS)[number];

/** What the visitor chose. */
export interface NodeListView {
  /** The search text (name, decimal id, `!hex` or `0x` id). */
  readonly q: string;
  readonly role: string;
  readonly channel: string;
  readonly hw: string;
  readonly fw: string;
  /** MQTT gateways only. */
  readonly gateways: boolean;
  /** Favourites only. */
  readonly favourites: boolean;
  readonly days: Days;
  readonly sort: SortKey;
  readonly dir: 'asc' | 'desc';
}

/** The view without any choice: MeshView's 3 days, the most recently heard first. */
export const DEFAULT_VIEW: NodeListView = {
  q: '',
  role: '',
  channel: '',
  hw: '',
  fw: '',
  gateways: false,
  favourites: false,
  days: '3',
  sort: 'last_seen',
  dir: 'desc',
};

const oneOf = <T extends string>(values: readonly T[], value: string | null, fallback: T): T =>
  values.includes(value as T) ? (value as T) : fallback;

/** The view a URL query describes; unknown values fall back to the defaults. */
export function parseView(query: URLSearchParams): NodeListView {
  const d = DEFAULT_VIEW;
  return {
    q: query.get('q') ?? d.q,
    role: query.get('role') ?? d.role,
    channel: query.get('channel') ?? d.channel,
    hw: query.get('hw') ?? d.hw,
    fw: query.get('fw') ?? d.fw,
    gateways: query.get('gw') === '1',
    favourites: query.get('fav') === '1',
    days: oneOf(DAYS, query.get('days'), d.days),
    sort: oneOf(SORT_KEYS, query.get('sort'), d.sort),
    dir: oneOf(['asc', 'desc'], query.get('dir'), d.dir),
  };
}

/** The query parameters of a view for `setQuery`: defaults are left out (`null`). */
export function viewQuery(view: NodeListView): Record<string, string | null> {
  const d = DEFAULT_VIEW;
  const unlessDefault = <K extends keyof NodeListView>(key: K, text: string) =>
    view[key] === d[key] ? null : text;
  return {
    q: view.q.trim() === '' ? null : view.q,
    role: unlessDefault('role', view.role),
    channel: unlessDefault('channel', view.channel),
    hw: unlessDefault('hw', view.hw),
    fw: unlessDefault('fw', view.fw),
    gw: view.gateways ? '1' : null,
    fav: view.favourites ? '1' : null,
    days: unlessDefault('days', view.days),
    sort: unlessDefault('sort', view.sort),
    dir: view.sort === d.sort && view.dir === d.dir ? null : view.dir,
  };
}

/**
 * The `/api/nodes` query of a view: the period only, since the list filters and sorts in the
 * page. Shared by the page and the request the app starts while it boots.
 */
export function nodesQuery(view: NodeListView): { days_active: string | undefined } {
  return { days_active: view.days === 'all' ? undefined : view.days };
}

/** Whether the view filters anything (a "clear filters" button is worth showing). */
export function isFiltered(view: NodeListView): boolean {
  return (
    view.q.trim() !== '' ||
    view.role !== '' ||
    view.channel !== '' ||
    view.hw !== '' ||
    view.fw !== '' ||
    view.gateways ||
    view.favourites
  );
}
