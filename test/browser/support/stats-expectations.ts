/// <reference lib="dom" />
// `chartSeries` reads a figure's attribute in the page, hence the DOM's types.
/**
 * What the stats and top pages must show, worked out from the generator's record (the busiest
 * channel) or from the API (the figures: the page and the test ask the same routes for the same
 * window, so the test checks what the page does with the answers, not numbers copied here).
 */
import type { Kysely } from 'kysely';
import type { Page } from 'playwright-core';
import type { Database, DialectName } from '@meshview/db';
import type { MeshRecord } from '@meshview/sim';
import { takeDailySnapshotsAt } from '#test/daily-snapshots.js';
import type { Theme, ViewportName } from './looks.js';
import { importUs } from './node-page-expectations.js';
import { saveScreenshot } from './screenshot.js';

const HOUR_MS = 3_600_000;

/**
 * The channel with the most stored packets (heard by a gateway) imported from the hour holding
 * `nowMs − 24 h` on (the window of `/api/stats?period_type=hour&length=24`), ties by name;
 * with each channel's count, to show in a failure.
 */
export function busiestChannelOf(
  record: MeshRecord,
  nowMs: number,
): { channel: string; counts: Map<string, number> } {
  const startUs = Math.floor((nowMs - 24 * HOUR_MS) / HOUR_MS) * HOUR_MS * 1000;
  const counts = new Map<string, number>();
  for (const packet of record.packets) {
    if (packet.receptions.length === 0 || packet.channel === '') continue;
    if (importUs(packet) < startUs) continue;
    counts.set(packet.channel, (counts.get(packet.channel) ?? 0) + 1);
  }
  const [channel] = [...counts].sort(
    ([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0),
  )[0] ?? [''];
  return { channel, counts };
}

/** The hour `nowMs` is in would change within `marginMs`: a window may move under the test. */
export const nearHourChange = (nowMs: number, marginMs = 60_000): boolean =>
  HOUR_MS - (nowMs % HOUR_MS) < marginMs;

/** A chart's series as the page exposes them (`data-series` of `[data-chart=name]`). */
export interface ShownSeries {
  readonly name: string;
  readonly points: [string | number, number | null][];
}

/** The series of the chart named `name`, once it is drawn. */
export async function chartSeries(page: Page, name: string): Promise<ShownSeries[]> {
  const figure = page.locator(`[data-chart="${name}"]`);
  await figure.waitFor({ timeout: 30_000 });
  return JSON.parse((await figure.getAttribute('data-series'))!) as ShownSeries[];
}

/** GETs an API path of the site (absolute URL) and returns its JSON, failing on a non-200. */
export async function apiJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

/** How many of `nodes` have each value of `key` (missing: `unknown`), by value. */
export function breakdown(
  nodes: readonly Record<string, unknown>[],
  key: string,
  unknown: string,
): [string, number][] {
  const counts = new Map<string, number>();
  for (const node of nodes) {
    const value = typeof node[key] === 'string' && node[key] !== '' ? node[key] : unknown;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The site's extra rows for the snapshot charts: the simulated mesh has no `daily_snapshot`
 * rows (the writer's scheduler never ran), so the writer's own job takes one for each of the
 * last three days.
 */
export async function takeSiteSnapshots(db: Kysely<Database>, dialect: DialectName) {
  const now = Date.now();
  await takeDailySnapshotsAt(
    db,
    dialect,
    [2, 1, 0].map((days) => new Date(now - days * 24 * HOUR_MS)),
  );
}

/**
 * A full-page screenshot of a page of charts: the window is first made as tall as the page, and
 * the charts given time to redraw at their new width (the scroll bar goes), because a full-page
 * shot taken at once catches them half redrawn by the resize it causes; the window is put back
 * after.
 */
export async function saveFullPage(
  page: Page,
  name: string,
  viewport: ViewportName,
  theme: Theme,
): Promise<void> {
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height });
  await page.waitForTimeout(500);
  await saveScreenshot(page, name, viewport, theme, { fullPage: true });
  await page.setViewportSize(size);
  await page.waitForTimeout(300);
}
