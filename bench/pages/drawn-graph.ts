/// <reference lib="dom" />
// The function given to `evaluate` runs in the page, hence the DOM's types.
import type { Page } from 'playwright-core';
import { NAME_SHIM } from './content-ready.js';

/** What /nodegraph drew: its nodes and lines in the last frame, and the links of its view. */
export interface DrawnGraph {
  readonly nodes: number;
  readonly lines: number;
  readonly links: number;
}

/** Reads the graph's size from the data attributes of its canvas and view. */
export async function drawnGraph(page: Page): Promise<DrawnGraph> {
  await page.evaluate(NAME_SHIM);
  return page.evaluate(() => {
    const wrap = document.querySelector<HTMLElement>('[data-graph-state]');
    const view = document.querySelector<HTMLElement>('[data-view-links]');
    return {
      nodes: Number(wrap?.dataset.drawnNodes ?? 0),
      lines: Number(wrap?.dataset.drawnLines ?? 0),
      links: Number(view?.dataset.viewLinks ?? 0),
    };
  });
}
