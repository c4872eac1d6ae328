/// <reference lib="dom" />
// The functions given to `evaluate` run in the page, hence the DOM's types.
/**
 * A scripted pan and zoom on the map, as a visitor's mouse does it (drags, wheel turns), with the
 * page's frame times recorded meanwhile: the gaps between consecutive animation frames.
 */
import type { Page } from 'playwright-core';
import { NAME_SHIM } from './content-ready.js';

declare global {
  interface Window {
    __benchFrames?: { stop: boolean; times: number[] };
  }
}

/** The moves: a drag by (dx, dy) pixels, or a wheel turn (negative zooms in). */
type Gesture = { drag: [number, number] } | { wheel: number };

/** About five seconds of use: look around, zoom in on something, pan there, zoom back out. */
const GESTURES: readonly Gesture[] = [
  { drag: [-240, 0] },
  { drag: [0, -160] },
  { wheel: -120 },
  { wheel: -120 },
  { drag: [200, 120] },
  { wheel: -120 },
  { drag: [-160, 200] },
  { drag: [300, -80] },
  { wheel: 120 },
  { drag: [-120, -120] },
  { wheel: 120 },
  { wheel: 120 },
  { drag: [180, 60] },
];

/**
 * Runs the gestures over the map element (`[data-map-state]`, or the element `selector` names:
 * the graph's canvas) and returns every frame time (ms) the page had meanwhile.
 */
export async function panAndZoom(page: Page, selector = '[data-map-state]'): Promise<number[]> {
  const map = page.locator(selector);
  const box = await map.boundingBox();
  if (!box) throw new Error('the map has no box to drag on');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;

  await page.evaluate(NAME_SHIM);
  await page.evaluate(() => {
    const record = { stop: false, times: [] as number[] };
    window.__benchFrames = record;
    let last: number | undefined;
    const frame = (now: number) => {
      if (last !== undefined) record.times.push(now - last);
      last = now;
      if (!record.stop) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });

  for (const gesture of GESTURES) {
    await page.mouse.move(cx, cy);
    if ('drag' in gesture) {
      const [dx, dy] = gesture.drag;
      await page.mouse.down();
      // Twenty small moves, about a frame apart: a hand, not a teleport.
      for (let step = 1; step <= 20; step += 1) {
        await page.mouse.move(cx + (dx * step) / 20, cy + (dy * step) / 20);
        await page.waitForTimeout(16);
      }
      await page.mouse.up();
    } else {
      await page.mouse.wheel(0, gesture.wheel);
    }
    // Let the map settle (zoom animation, new markers) as a visitor pauses between moves.
    await page.waitForTimeout(350);
  }

  return page.evaluate(() => {
    const record = window.__benchFrames!;
    record.stop = true;
    return record.times;
  });
}
