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

/**
 * How long the graph takes to draw in full (ms, the canvas's own `data-draw-ms`), apart from how
 * long the page waited for it: `count` wheel turns on the canvas, in and out, each followed by
 * the full drawing made once the gesture rests (frames during a gesture move a picture of the
 * graph; the drag benchmark counts those).
 */
export async function graphDrawTimes(page: Page, count = 40): Promise<number[]> {
  await page.evaluate(NAME_SHIM);
  return page.evaluate(async (turns) => {
    const canvas = document.querySelector<HTMLCanvasElement>('canvas.graph-canvas')!;
    const wrap = canvas.closest<HTMLElement>('[data-graph-state]')!;
    const box = canvas.getBoundingClientRect();
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const times: number[] = [];
    for (let i = 0; i < turns; i += 1) {
      canvas.dispatchEvent(
        new WheelEvent('wheel', {
          deltaY: i % 2 === 0 ? -60 : 60,
          clientX: box.left + box.width / 2,
          clientY: box.top + box.height / 2,
          cancelable: true,
        }),
      );
      const before = wrap.dataset.fullDraws;
      const until = performance.now() + 2000;
      while (wrap.dataset.fullDraws === before && performance.now() < until) await frame();
      if (wrap.dataset.fullDraws === before) throw new Error('the graph was not drawn anew');
      times.push(Number(wrap.dataset.drawMs));
    }
    return times;
  }, count);
}
