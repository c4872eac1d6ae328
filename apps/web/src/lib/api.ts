import { useEffect, useState } from 'preact/hooks';
import { basePath } from './router.js';

/** An API answer that was not 2xx: its status and the reader's `reason`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`${status}: ${reason}`);
    this.name = 'ApiError';
  }
}

/** Query parameters; `undefined` and `null` ones are left out. */
export type Query = Record<string, string | number | boolean | null | undefined>;

/** The URL of an API path (`api/nodes`) under the base path, with its query. */
export function apiUrl(path: string, query: Query = {}): string {
  const url = new URL(basePath() + path.replace(/^\//, ''), location.origin);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
  }
  return url.pathname + url.search;
}

/** GETs an API path and returns its JSON; throws `ApiError` for a non-2xx answer. */
export async function getJson<T>(
  path: string,
  query: Query = {},
  signal?: AbortSignal,
): Promise<T> {
  const response = await fetch(apiUrl(path, query), {
    headers: { accept: 'application/json' },
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) {
    let reason = response.statusText;
    try {
      const body = (await response.json()) as { reason?: string; error?: string };
      reason = body.reason ?? body.error ?? reason;
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(response.status, reason);
  }
  return (await response.json()) as T;
}

/** Requests started before their page rendered, by URL; each is taken once. */
const prefetched = new Map<string, Promise<unknown>>();

/**
 * Starts a GET that a page will make with `useApi(path, query)`, before the page renders (while
 * the shell still loads the config and translations); `useApi` then takes its answer instead of
 * asking again. A prefetch that failed before the page asks is asked again. Returns the answer,
 * for a prefetch that depends on it.
 *
 * @example
 * prefetchJson('api/nodes', { days_active: 3 }); // in main, for /map
 */
export function prefetchJson<T>(path: string, query: Query = {}): Promise<T> {
  const key = apiUrl(path, query);
  const known = prefetched.get(key);
  if (known) return known as Promise<T>;
  const answer = getJson<T>(path, query);
  // Unhandled until a page takes it: a rejection here is not an error of its own.
  answer.catch(() => prefetched.delete(key));
  prefetched.set(key, answer);
  return answer;
}

/** What `useApi` holds: the answer, or the error, or neither while loading. */
export interface ApiState<T> {
  readonly data: T | undefined;
  readonly error: Error | undefined;
  readonly loading: boolean;
  /** Asks again (a "try again" button after an error). */
  readonly reload?: () => void;
}

/**
 * GETs an API path when the component mounts and whenever the path or query changes; `null`
 * waits (a request that depends on another's answer). While a new answer loads, the previous
 * one stays in `data`.
 */
export function useApi<T>(path: string | null, query: Query = {}): ApiState<T> {
  const key = path === null ? null : apiUrl(path, query);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<Omit<ApiState<T>, 'reload'>>({
    data: undefined,
    error: undefined,
    loading: path !== null,
  });
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState((old) => ({ data: old.data, error: undefined, loading: true }));
    const early = key === null ? undefined : (prefetched.get(key) as Promise<T> | undefined);
    if (key !== null) prefetched.delete(key);
    (early ?? getJson<T>(path, query, controller.signal)).then(
      (data) => {
        // A prefetched answer cannot be aborted: one that comes after the page left is dropped.
        if (!controller.signal.aborted) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ data: undefined, error: error as Error, loading: false });
      },
    );
    return () => controller.abort();
    // `key` is the path and query in one string.
  }, [key, attempt]);
  return { ...state, reload: () => setAttempt((n) => n + 1) };
}
