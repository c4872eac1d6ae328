import { useEffect, useState } from 'preact/hooks';

/**
 * The app's base path, from the `<base href>` the reader writes into index.html: `/` at the
 * root, `/meshview/` under `[server] base_path = /meshview`. Always ends with `/`.
 */
export function basePath(): string {
  return new URL(document.baseURI).pathname.replace(/\/?$/, '/');
}

/** The page's path without the base path: `/node/42` for `/meshview/node/42`. */
export function currentPath(): string {
  const base = basePath();
  const path = location.pathname;
  return path.startsWith(base) ? `/${path.slice(base.length)}` : path;
}

/** The URL of an app path (`/node/42`) under the base path, for `href`s. */
export function hrefOf(path: string): string {
  return basePath() + path.replace(/^\//, '');
}

const listeners = new Set<() => void>();

/** Goes to an app path without reloading (adds a history entry, or replaces it). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const url = hrefOf(path);
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  for (const listener of listeners) listener();
  window.scrollTo(0, 0);
}

/**
 * Replaces the query string of the current page (filters kept in the URL, so a view can be
 * shared); `null`, `undefined` and `''` remove a parameter. Components that read `useLocation`
 * re-render.
 */
export function setQuery(params: Record<string, string | null | undefined>): void {
  const url = new URL(location.href);
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  if (url.href === location.href) return;
  history.replaceState(null, '', url);
  for (const listener of listeners) listener();
}

/** The current app path and query, re-rendering on navigation (links and back/forward). */
export function useLocation(): { path: string; query: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const update = () => setTick((n) => n + 1);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return { path: currentPath(), query: new URLSearchParams(location.search) };
}
