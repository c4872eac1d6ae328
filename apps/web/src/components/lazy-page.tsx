import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice, Loading } from './data-state.js';

/** A page whose code is fetched the first time it is shown (its own chunk in the build). */
export interface LazyPage<P extends object> {
  /** The page: "Loading…" (announced) until its code is there, then the page itself. */
  readonly Component: ComponentType<P>;
  /** Starts fetching the page's code without showing it (e.g. while the app boots). */
  readonly preload: () => Promise<unknown>;
}

/**
 * A page loaded by a dynamic `import()`, so the build gives it a chunk of its own and a visitor
 * downloads only the libraries of the pages they open (issue 13: ECharts only with charts,
 * Leaflet only with maps). Once loaded, later renders show the page at once. A failed download
 * shows the error with a button that tries again.
 *
 * @example
 * const NodePage = lazyPage(() => import('./pages/node-page.js').then((m) => m.NodePage));
 * <NodePage.Component params={params} config={config} />
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = (): Promise<ComponentType<P>> => {
    pending ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        // The next attempt fetches again rather than repeating this failure.
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };

  function Component(props: P) {
    const [, setReady] = useState(0);
    const [error, setError] = useState<Error | undefined>(undefined);
    const [attempt, setAttempt] = useState(0);
    // Whether this render showed the page. Not `loaded` inside the effect: the code may arrive
    // between this render and the effect, and a page left at "Loading…" would never update.
    const shown = loaded !== undefined;
    useEffect(() => {
      if (shown) return;
      let live = true;
      preload().then(
        () => live && setReady((n) => n + 1),
        (failure: unknown) => live && setError(failure as Error),
      );
      return () => {
        live = false;
      };
    }, [attempt]);

    if (loaded) {
      const Page = loaded;
      return <Page {...props} />;
    }
    if (error) {
      const retry = () => {
        setError(undefined);
        setAttempt((n) => n + 1);
      };
      return <ErrorNotice error={error} retry={retry} />;
    }
    return <Loading />;
  }

  return { Component, preload };
}
