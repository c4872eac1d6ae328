/**
 * The pages the web app has, by MeshView's paths, with the `[site]` flag that shows each in the
 * menu. The reader answers these paths with the app (200) and every other non-API path with the
 * app's 404 page (404); the app's router and menu read the same list. A page joins the list when
 * it exists, so the menu never offers a page that is not there.
 */
export const PAGES = [
  { path: '/nodelist', menu: 'nodes' },
  { path: '/node/:id', menu: null },
  { path: '/packet/:id', menu: null },
  { path: '/map', menu: 'map' },
  { path: '/kiosk', menu: null },
  { path: '/heatmap', menu: null },
  { path: '/firehose', menu: 'everything' },
  { path: '/traceroute/:id', menu: null },
  { path: '/chat', menu: 'chat' },
  { path: '/net', menu: 'net' },
  { path: '/stats', menu: 'stats' },
  { path: '/top', menu: 'top' },
  { path: '/nodegraph', menu: 'graphs' },
] as const satisfies readonly Page[];

/** A page of the web app. */
export interface Page {
  /** The path under `[server] base_path`; `:name` is one path segment. */
  readonly path: string;
  /** The `[site]` flag (and `/api/lang` `base` key) of its menu entry; `null`: not in the menu. */
  readonly menu: MenuKey | null;
}

/** MeshView's menu entries in its order, by their `[site]` flag. */
export const MENU = [
  { key: 'nodes', path: '/nodelist' },
  { key: 'chat', path: '/chat' },
  { key: 'everything', path: '/firehose' },
  { key: 'graphs', path: '/nodegraph' },
  { key: 'net', path: '/net' },
  { key: 'map', path: '/map' },
  { key: 'stats', path: '/stats' },
  { key: 'top', path: '/top' },
] as const;

/** A menu entry's `[site]` flag. */
export type MenuKey = (typeof MENU)[number]['key'];

/** Whether `path` (without the base path) is one of the app's pages. */
export function isPagePath(path: string): boolean {
  return PAGES.some((page) => matchPage(page.path, path) !== null);
}

/**
 * The parameters of `path` if it matches the page pattern `pattern` (`/node/:id`), else `null`.
 *
 * @example
 * matchPage('/node/:id', '/node/42') // { id: '42' }
 */
export function matchPage(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const have = path.replace(/\/+$/, '').split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i]!;
    if (w.startsWith(':')) {
      if (h === '') return null;
      params[w.slice(1)] = decodeURIComponent(h);
    } else if (w !== h) return null;
  }
  return params;
}
