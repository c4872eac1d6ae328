/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The functions given to `addInitScript` and `evaluate` run in the page, hence the DOM's types.
/**
 * When a page shows its content: a condition per page, checked in the page on every animation
 * frame from the start of the navigation, and the time (ms since the navigation started,
 * `performance.now()`) of the first frame in which it holds. Not the load event: the timer stops
 * when the stated number of rows or markers is there.
 */
import type { Page } from 'playwright-core';

/** What counts as "the content is shown", per page. */
export type ContentCondition =
  | {
      /** `/nodelist`: at least `rows` node rows inside the viewport. */
      readonly page: 'nodelist';
      readonly rows: number;
    }
  | {
      /**
       * `/node/{id}`: at least `rows` rows in the packet table, at least `charts` charts on the
       * page, and every chart drew (its SVG has paths) or says it has no data.
       */
      readonly page: 'node';
      readonly rows: number;
      readonly charts: number;
    }
  | {
      /** `/map`: the map says it is ready and has at least `markers` markers and clusters drawn. */
      readonly page: 'map';
      readonly markers: number;
    }
  | {
      /** `/nodegraph`: the canvas drew its laid-out graph with at least `nodes` nodes. */
      readonly page: 'nodegraph';
      readonly nodes: number;
    };

/** Says in words what a condition waits for (for the benchmark's table and docs). */
export function describeCondition(condition: ContentCondition): string {
  switch (condition.page) {
    case 'nodelist':
      return `≥ ${condition.rows} node rows in the viewport`;
    case 'node':
      return `≥ ${condition.rows} packet rows and ≥ ${condition.charts} charts, all drawn`;
    case 'map':
      return `data-map-state=ready and data-drawn-markers ≥ ${condition.markers}`;
    case 'nodegraph':
      return `data-graph-state=ready and data-drawn-nodes ≥ ${condition.nodes}`;
  }
}

/**
 * tsx compiles this file keeping function names, through a `__name(fn, 'name')` helper that
 * exists in Node, not in the page the functions are sent to: the page gets a stand-in.
 */
export const NAME_SHIM = 'globalThis.__name ??= (fn) => fn;';

declare global {
  interface Window {
    /** Set by the watcher: when the content showed (ms since navigation start). */
    __benchContentMs?: number;
  }
}

/**
 * Installs the watcher in every page of the context opened from now on: it checks `condition`
 * on each animation frame and records the first time it holds.
 */
export async function watchContent(page: Page, condition: ContentCondition): Promise<void> {
  await page.addInitScript({ content: NAME_SHIM });
  await page.addInitScript((c: ContentCondition) => {
    const inViewport = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.height > 0 && box.bottom > 0 && box.top < window.innerHeight;
    };
    const holds = (): boolean => {
      if (c.page === 'nodelist') {
        const rows = document.querySelectorAll('tr.node-row');
        if (rows.length < c.rows) return false;
        let visible = 0;
        for (const row of rows) if (inViewport(row)) visible += 1;
        return visible >= c.rows;
      }
      if (c.page === 'node') {
        const rows = document.querySelectorAll('table[data-table="packets"] tr[data-packet-id]');
        const charts = document.querySelectorAll('figure.chart');
        if (rows.length < c.rows || charts.length < c.charts) return false;
        for (const chart of charts) {
          if (!chart.querySelector('.chart-canvas svg path, .chart-empty')) return false;
        }
        return true;
      }
      if (c.page === 'nodegraph') {
        const graph = document.querySelector<HTMLElement>('[data-graph-state]');
        return (
          graph?.dataset.graphState === 'ready' && Number(graph.dataset.drawnNodes ?? 0) >= c.nodes
        );
      }
      const map = document.querySelector<HTMLElement>('[data-map-state]');
      return (
        map?.dataset.mapState === 'ready' && Number(map.dataset.drawnMarkers ?? 0) >= c.markers
      );
    };
    const check = () => {
      if (window.__benchContentMs !== undefined) return;
      if (document.body && holds()) window.__benchContentMs = performance.now();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, condition);
}

/** Where a navigation's time went, from the page's resource timings (ms since its start). */
export interface TimeBreakdown {
  /** When the last script or style sheet it loaded before the content showed had arrived. */
  readonly assetsMs: number;
  /** When the last API answer it asked for before the content showed had arrived. */
  readonly apiMs: number;
  /** The API request that took longest, and how long (ms). */
  readonly slowestApi: { readonly path: string; readonly ms: number } | null;
}

/** The breakdown of the navigation shown in `page`, up to its content time `contentMs`. */
export async function timeBreakdown(page: Page, contentMs: number): Promise<TimeBreakdown> {
  return page.evaluate((until) => {
    const entries = (
      performance.getEntriesByType('resource') as PerformanceResourceTiming[]
    ).filter((e) => e.startTime <= until);
    const assets = entries.filter((e) => /\.(js|css)$/.test(new URL(e.name).pathname));
    const api = entries.filter((e) => new URL(e.name).pathname.includes('/api/'));
    const slowest = api.reduce<PerformanceResourceTiming | undefined>(
      (a, e) => (a === undefined || e.duration > a.duration ? e : a),
      undefined,
    );
    return {
      assetsMs: Math.max(0, ...assets.map((e) => e.responseEnd)),
      apiMs: Math.max(0, ...api.map((e) => e.responseEnd)),
      slowestApi: slowest
        ? {
            path: new URL(slowest.name).pathname + new URL(slowest.name).search,
            ms: slowest.duration,
          }
        : null,
    };
  }, contentMs);
}

/** The time the content showed (ms since navigation start), waiting for it up to `timeoutMs`. */
export async function contentShownMs(page: Page, timeoutMs = 60_000): Promise<number> {
  const handle = await page.waitForFunction(() => window.__benchContentMs, undefined, {
    timeout: timeoutMs,
    polling: 50,
  });
  return (await handle.jsonValue()) as number;
}
