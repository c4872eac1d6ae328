/**
 * The node density page (/heatmap) in a real browser against the real reader: one heat point per
 * node with a position (approximate ones spread as areas), the period chooser, the base-map
 * chooser with its remembered choice, the offline outline of the world when tiles cannot load;
 * axe, keyboard and screenshots. Expected values come from the generator's record.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectAccessible } from './support/axe.js';
import { useBrowserSite, type BrowserSite } from './support/browser-site.js';
import { chromiumSkipReason } from './support/chromium.js';
import { heatmapExpectations } from './support/heatmap-expectations.js';
import { tabThroughPage } from './support/keyboard.js';
import {
  THEMES,
  VIEWPORT_NAMES,
  sidewaysOverflow,
  type Theme,
  type ViewportName,
} from './support/looks.js';
import { expectNoProblems, type PageProbe } from './support/page-probe.js';
import { saveScreenshot } from './support/screenshot.js';
import { TILE_HOST } from './support/site.js';
import { translations } from './support/translations.js';

const en = translations('en');
const TOPO_URL = `http://${TILE_HOST}/topo/{z}/{x}/{y}.png`;
/** What Chromium logs for a tile it could not fetch: expected while tiles are blocked. */
const TILE_FAILURES = [new RegExp(`^console http://${TILE_HOST.replace(/\./g, '\\.')}/`)];

/** The number in the heat layer's `data-points` once the page has drawn it. */
async function drawnPoints(page: Page): Promise<{ points: number; approximate: number }> {
  await page.locator('.heat-map-canvas[data-map-state="ready"]').waitFor();
  const canvas = page.locator('canvas.heat-layer');
  return {
    points: Number(await canvas.getAttribute('data-points')),
    approximate: Number(await canvas.getAttribute('data-approximate')),
  };
}

/**
 * Opens /heatmap with every tile request refused, as when the tile server is unreachable; waits
 * for the page's data.
 */
async function openWithoutTiles(
  site: BrowserSite,
  options: { viewport: ViewportName; theme: Theme },
): Promise<{ page: Page; context: BrowserContext; probe: PageProbe }> {
  const { context, probe } = await site.newContext(options);
  // Routes added later win over the probe's stub.
  await context.route(
    (url) => url.host === TILE_HOST,
    (route) => route.abort('connectionrefused'),
  );
  const page = await context.newPage();
  await page.goto(site.url('/heatmap'), { waitUntil: 'networkidle' });
  return { page, context, probe };
}

describe.skipIf(chromiumSkipReason)(
  `the node density page${chromiumSkipReason ? ` (${chromiumSkipReason})` : ''}`,
  () => {
    const site = useBrowserSite('sqlite', 'heatmap', {
      site: { map_tile_urls: JSON.stringify([{ name: 'Topo', url: TOPO_URL }]) },
    });

    it('draws one heat point per node with a position, approximate ones as areas', async () => {
      const expected = heatmapExpectations(site.mesh.record);
      expect(expected.approximate).toBeGreaterThan(0);
      const { page, probe } = await site.open('/heatmap');
      await page.getByRole('heading', { level: 1, name: en.heatmap!.title }).waitFor();
      const drawn = await drawnPoints(page);
      expect(drawn.points).toBe(expected.placed);
      expect(drawn.approximate).toBe(expected.approximate);
      const count = await page.locator('.heatmap-page .count').textContent();
      expect(count).toMatch(
        new RegExp(`^${expected.placed} of \\d+ nodes .*; ${expected.approximate} of them `),
      );
      // The view is the [site] map bounds; tiles came from the stub, no outline was needed.
      await expect
        .poll(() => page.locator('.heat-map-canvas').getAttribute('data-tiles'))
        .toBe('loaded');
      expect(await page.locator('[data-world-outline]').count()).toBe(0);
      await page.getByRole('img', { name: en.heatmap!.legend_scale }).waitFor();
      expectNoProblems(probe);
    });

    it('asks for the chosen period and keeps it in the address', async () => {
      const { page, probe } = await site.open('/heatmap');
      await drawnPoints(page);
      const period = page.getByRole('combobox', { name: en.heatmap!.period });
      expect(await period.inputValue()).toBe('3');
      const asked = page.waitForRequest((r) => r.url().includes('days_active=1'));
      await period.selectOption('1');
      await asked;
      expect(new URL(page.url()).searchParams.get('days')).toBe('1');
      await probe.networkQuiet();
      const { points } = await drawnPoints(page);
      expect(points).toBeLessThanOrEqual(heatmapExpectations(site.mesh.record).placed);
      expectNoProblems(probe);
    });

    it('offers the configured base maps, shows the chosen one and remembers it', async () => {
      const { page, probe, context } = await site.open('/heatmap');
      const chooser = page.getByRole('combobox', { name: en.basemap!.chooser });
      expect(await chooser.locator('option').allTextContents()).toEqual([
        en.basemap!.default_name,
        'Topo',
      ]);
      const topoTile = page.waitForRequest((r) => r.url().startsWith(`http://${TILE_HOST}/topo/`));
      await chooser.selectOption({ label: 'Topo' });
      await topoTile;
      await probe.networkQuiet();
      const again = await context.newPage();
      await again.goto(site.url('/heatmap'), { waitUntil: 'networkidle' });
      expect(await again.getByRole('combobox', { name: en.basemap!.chooser }).inputValue()).toBe(
        TOPO_URL,
      );
      expectNoProblems(probe);
    });

    it('draws the outline of the world, and says why, when no tile can load', async () => {
      const { page, probe } = await openWithoutTiles(site, { viewport: 'desktop', theme: 'light' });
      const map = page.locator('.heat-map-canvas');
      await page.locator('.heat-map-canvas[data-world-outline="drawn"]').waitFor();
      expect(await map.getAttribute('data-tiles')).toBe('failed');
      await page.getByRole('status').filter({ hasText: en.basemap!.tiles_unavailable }).waitFor();
      // Coasts and borders as SVG paths under the heat, which is drawn all the same.
      expect(await page.locator('path.base-map-land').count()).toBeGreaterThan(0);
      expect(await page.locator('path.base-map-borders').count()).toBeGreaterThan(0);
      expect((await drawnPoints(page)).points).toBe(heatmapExpectations(site.mesh.record).placed);
      expectNoProblems(probe, { allow: TILE_FAILURES });
    });

    for (const theme of THEMES) {
      it(`in ${theme}, without tiles: axe finds nothing serious, Tab reaches every control, nothing overflows sideways, at both widths`, async () => {
        for (const viewport of VIEWPORT_NAMES) {
          const { page, probe } = await openWithoutTiles(site, { viewport, theme });
          await page.locator('.heat-map-canvas[data-world-outline="drawn"]').waitFor();
          await drawnPoints(page);
          await expectAccessible(page, `heatmap (${viewport}, ${theme})`);
          await saveScreenshot(page, 'heatmap', viewport, theme);
          expect(await sidewaysOverflow(page), `sideways overflow at ${viewport} width`).toBe(0);
          const walk = await tabThroughPage(page);
          expect(walk.missed, `not reached by Tab at ${viewport} width`).toEqual([]);
          expectNoProblems(probe, { allow: TILE_FAILURES });
        }
      });
    }
  },
);
