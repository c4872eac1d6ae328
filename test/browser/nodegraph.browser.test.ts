/// <reference lib="dom" />
// The functions passed to `evaluateAll` run in the page, hence the DOM's types.
/**
 * The mesh graph (/nodegraph) in a real browser against the real reader: the links it lists are
 * the ones the generator's record implies for the window (support/nodegraph-expectations.ts:
 * neighbour reports and traceroutes recomputed from the record), with their kinds, direction,
 * one-way flag and SNR, read through the data attributes of the links' table, which is built
 * from the same list the canvas draws (the canvas says how many lines it drew). Channel filter,
 * search, a click on the canvas, the node's panel, Spanish; axe, keyboard, overflow and
 * screenshots in both themes at both widths.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { useBrowserSite } from './support/browser-site.js';
import { chromiumSkipReason } from './support/chromium.js';
import { tabThroughPage } from './support/keyboard.js';
import { sidewaysOverflow, THEMES, VIEWPORT_NAMES } from './support/looks.js';
import {
  drawnLineCount,
  nodeChannels,
  windowLinks,
  type ExpectedLink,
} from './support/nodegraph-expectations.js';
import { listedNodes } from './support/node-list-expectations.js';
import { expectNoProblems } from './support/page-probe.js';
import { saveScreenshot } from './support/screenshot.js';
import { translations } from './support/translations.js';

const t = translations('en').nodegraph!;
const es = translations('es').nodegraph!;
/** How long a check waits (a loaded machine is slow; no timing is asserted). */
const WAIT = { timeout: 30_000 };

/** Waits until the canvas has drawn the current view. */
async function graphReady(page: Page): Promise<void> {
  await page.locator('.graph-canvas-wrap[data-graph-state="ready"]').waitFor(WAIT);
}

/** The window's start the page's answer gave (µs). */
async function sinceUs(page: Page): Promise<number> {
  return Number(await page.locator('[data-since-us]').getAttribute('data-since-us'));
}

/** Every row of the links' table, page by page, as its data attributes say. */
async function tableLinks(page: Page): Promise<ExpectedLink[]> {
  const rows: ExpectedLink[] = [];
  for (;;) {
    rows.push(
      ...(await page.locator('.graph-link-table tbody tr').evaluateAll((trs) =>
        trs.map((tr) => {
          const d = (tr as HTMLElement).dataset;
          return {
            from: Number(d.from),
            to: Number(d.to),
            kind: d.kind ?? '',
            oneWay: d.oneWay === 'true',
            snr: d.snr === '' || d.snr === undefined ? null : Number(d.snr),
            reports: Number(tr.querySelector('td:last-child')?.textContent?.replace(/\D/g, '')),
          };
        }),
      )),
    );
    const next = page.locator('.graph-links-pages button[data-page="next"]');
    if ((await next.count()) === 0 || (await next.isDisabled())) break;
    const first = await page.locator('.graph-link-table tbody tr').first().getAttribute('data-to');
    const from = await page.locator('.graph-link-table tbody tr').first().getAttribute('data-from');
    await next.click();
    await expect
      .poll(async () => {
        const row = page.locator('.graph-link-table tbody tr').first();
        return `${await row.getAttribute('data-from')}>${await row.getAttribute('data-to')}`;
      }, WAIT)
      .not.toBe(`${from}>${first}`);
  }
  return rows.sort((a, b) => a.from - b.from || a.to - b.to);
}

/** The panel's heading once a node is chosen. */
const panel = (page: Page) => page.locator('section.graph-panel');

describe.skipIf(chromiumSkipReason)(
  `the mesh graph${chromiumSkipReason ? ` (${chromiumSkipReason})` : ''}`,
  () => {
    const site = useBrowserSite('sqlite', 'nodegraph');

    it('lists every link of the window the record implies, with kinds, direction and SNR, and draws as many lines', async () => {
      const { page, probe } = await site.open('/nodegraph');
      await page.getByRole('heading', { level: 1, name: t.title }).waitFor(WAIT);
      // A day by default; then the week, which holds the whole record.
      expect(await page.getByRole('combobox', { name: t.window }).inputValue()).toBe('24');
      for (const hours of ['24', '168']) {
        if (hours !== '24') {
          const asked = page.waitForResponse((r) => r.url().includes(`hours=${hours}`));
          await page.getByRole('combobox', { name: t.window }).selectOption(hours);
          await asked;
        }
        await graphReady(page);
        await expect.poll(() => sinceUs(page), WAIT).toBeGreaterThan(0);
        const expected = windowLinks(site.mesh.record, await sinceUs(page));
        expect(expected.length).toBeGreaterThan(20);
        // Both kinds, both directions, and SNRs, so that every attribute is checked.
        expect(expected.some((l) => l.kind === 'neighbor')).toBe(true);
        expect(expected.some((l) => l.kind.startsWith('traceroute'))).toBe(true);
        expect(expected.some((l) => l.oneWay)).toBe(true);
        expect(expected.some((l) => !l.oneWay)).toBe(true);
        await expect
          .poll(() => page.locator('.graph-links').getAttribute('data-link-count'), WAIT)
          .toBe(String(expected.length));
        expect(await tableLinks(page)).toEqual(expected);
        const wrap = page.locator('.graph-canvas-wrap');
        await expect
          .poll(() => wrap.getAttribute('data-drawn-lines'), WAIT)
          .toBe(String(drawnLineCount(expected)));
        const nodes = new Set(expected.flatMap((l) => [l.from, l.to]));
        expect(await wrap.getAttribute('data-drawn-nodes')).toBe(String(nodes.size));
      }
      expect(new URL(page.url()).searchParams.get('hours')).toBe('168');
      expectNoProblems(probe);
    });

    it("draws the seed's one-way neighbour link from the neighbour to the node that reported it", async () => {
      const { page, probe } = await site.open('/nodegraph?hours=168');
      await graphReady(page);
      const links = windowLinks(site.mesh.record, await sinceUs(page));
      // By rule: the one-way neighbour-only link with the most reports (ties: lowest numbers).
      const oneWay = links
        .filter((l) => l.oneWay && l.kind === 'neighbor' && l.snr !== null)
        .sort((a, b) => b.reports - a.reports || a.from - b.from || a.to - b.to)[0];
      expect(oneWay, 'the seed has a one-way neighbour link').toBeDefined();
      const { from, to } = oneWay!;
      // The record: `to` sent NeighborInfo listing `from`, and `from` never listed `to`.
      const reports = site.mesh.record.packets.filter(
        (p) => p.decodable && p.content.kind === 'neighborinfo',
      );
      const lists = (reporter: number, neighbor: number) =>
        reports.some(
          (p) =>
            p.from === reporter &&
            p.content.kind === 'neighborinfo' &&
            p.content.neighbors.some((n) => n.nodeId === neighbor),
        );
      expect(lists(to, from)).toBe(true);
      expect(lists(from, to)).toBe(false);

      // Chosen through the URL: the table holds the node's links only.
      await page.goto(site.url(`/nodegraph?hours=168&node=${to}`), { waitUntil: 'networkidle' });
      await graphReady(page);
      const row = page.locator(`.graph-link-table tr[data-from="${from}"][data-to="${to}"]`);
      await row.waitFor(WAIT);
      expect(await row.getAttribute('data-one-way')).toBe('true');
      expect(await row.getAttribute('data-kind')).toBe('neighbor');
      expect(Number(await row.getAttribute('data-snr'))).toBe(oneWay!.snr);
      expect(
        await page.locator(`.graph-link-table tr[data-from="${to}"][data-to="${from}"]`).count(),
      ).toBe(0);
      // The panel says the same: `to` hears `from`, one way.
      const item = panel(page).locator(`li[data-from="${from}"][data-to="${to}"]`);
      expect(await item.textContent()).toContain(t.one_way!);
      expect(await item.textContent()).toContain(t.hears!);
      expectNoProblems(probe);
    });

    it('filters by channel: the links between two nodes of the chosen channel', async () => {
      const { page, probe } = await site.open('/nodegraph?hours=168');
      await graphReady(page);
      const all = windowLinks(site.mesh.record, await sinceUs(page));
      const channels = nodeChannels(site.mesh.record);
      const select = page.getByRole('combobox', { name: t.channel });
      const options = await select
        .locator('option')
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      expect(options[0]).toBe('');
      // The busiest channel first: the most nodes of the graph.
      const nodesOf = (c: string) =>
        new Set(all.flatMap((l) => [l.from, l.to]).filter((n) => channels.get(n) === c)).size;
      const offered = options.slice(1);
      expect(offered.length).toBeGreaterThan(0);
      for (let i = 1; i < offered.length; i += 1) {
        expect(nodesOf(offered[i - 1]!)).toBeGreaterThanOrEqual(nodesOf(offered[i]!));
      }
      const channel = offered[0]!;
      await select.selectOption(channel);
      expect(new URL(page.url()).searchParams.get('channel')).toBe(channel);
      const expected = all.filter(
        (l) => channels.get(l.from) === channel && channels.get(l.to) === channel,
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(all.length);
      await expect
        .poll(() => page.locator('.graph-links').getAttribute('data-link-count'), WAIT)
        .toBe(String(expected.length));
      expect(await tableLinks(page)).toEqual(expected);
      await expect
        .poll(() => page.locator('.graph-canvas-wrap').getAttribute('data-drawn-lines'), WAIT)
        .toBe(String(drawnLineCount(expected)));
      expectNoProblems(probe);
    });

    it('finds a node by name or !hex id, and a click on it opens its panel, its links and its page', async () => {
      const { page, probe } = await site.open('/nodegraph?hours=168');
      await graphReady(page);
      const links = windowLinks(site.mesh.record, await sinceUs(page));
      // By rule: the named node with the most links.
      const named = new Map(
        listedNodes(site.mesh.record, 36500)
          .filter((n) => n.longName !== null)
          .map((n) => [n.num, n]),
      );
      const degree = (num: number) => links.filter((l) => l.from === num || l.to === num).length;
      const node = [...named.values()]
        .filter((n) => degree(n.num) > 0)
        .sort((a, b) => degree(b.num) - degree(a.num) || a.num - b.num)[0]!;
      const mine = links.filter((l) => l.from === node.num || l.to === node.num);

      const search = page.getByRole('searchbox', { name: t.search });
      // By !hex id: the match is offered as a button.
      await search.fill(node.id);
      await page.locator(`.graph-search-matches button[data-node="${node.num}"]`).waitFor(WAIT);
      // By name: Enter takes the first match.
      await search.fill(node.longName!);
      await search.press('Enter');
      await panel(page).waitFor(WAIT);
      expect(new URL(page.url()).searchParams.get('node')).toBe(String(node.num));
      expect(await panel(page).getByRole('heading', { level: 2 }).textContent()).toContain(
        node.longName!,
      );
      expect(await panel(page).locator('li[data-from]').count()).toBe(mine.length);
      expect(await tableLinks(page)).toEqual(mine);

      // Escape lets go; the search centred the node, so a click in the middle picks it again.
      await page.keyboard.press('Escape');
      await expect.poll(() => panel(page).count(), WAIT).toBe(0);
      expect(await page.locator('.graph-links').getAttribute('data-link-count')).toBe(
        String(links.length),
      );
      const canvas = page.locator('canvas.graph-canvas');
      const box = (await canvas.boundingBox())!;
      await canvas.click({ position: { x: box.width / 2, y: box.height / 2 } });
      await panel(page).waitFor(WAIT);
      expect(await panel(page).getAttribute('data-node')).toBe(String(node.num));
      await expect
        .poll(() => page.locator('.graph-links').getAttribute('data-link-count'), WAIT)
        .toBe(String(mine.length));
      // A click on empty space lets go too: with the whole graph shown, no node is within the
      // fit's margin of the canvas's bottom right corner (the canvas is narrower beside the panel).
      await page.getByRole('button', { name: t.zoom_fit }).click();
      const narrow = (await canvas.boundingBox())!;
      await canvas.click({ position: { x: narrow.width - 6, y: narrow.height - 6 } });
      await expect.poll(() => panel(page).count(), WAIT).toBe(0);
      // The search's match buttons choose too.
      await search.fill(node.id);
      await page.locator(`.graph-search-matches button[data-node="${node.num}"]`).click();
      await panel(page).waitFor(WAIT);

      // The panel's link opens the node's page.
      const open = panel(page).getByRole('link', { name: new RegExp(node.longName!) });
      expect(await open.getAttribute('href')).toMatch(new RegExp(`/node/${node.num}$`));
      await open.click();
      await page.waitForURL(new RegExp(`/node/${node.num}$`), WAIT);
      expectNoProblems(probe);
    });

    it('speaks Spanish once the visitor picks it', async () => {
      const { page, probe } = await site.open('/nodegraph');
      await graphReady(page);
      await page.getByRole('banner').getByRole('combobox').selectOption('es');
      await page.getByRole('heading', { level: 1, name: es.title }).waitFor(WAIT);
      await page.getByRole('combobox', { name: es.window }).waitFor(WAIT);
      await page.getByRole('searchbox', { name: es.search }).waitFor(WAIT);
      await page.getByRole('columnheader', { name: es.from }).waitFor(WAIT);
      await page.getByRole('heading', { name: es.legend }).waitFor(WAIT);
      expect(await page.locator('html').getAttribute('lang')).toBe('es');
      expectNoProblems(probe);
    });

    for (const theme of THEMES) {
      it(`in ${theme}: axe finds nothing serious, Tab reaches every control, nothing overflows sideways, at both widths`, async () => {
        for (const viewport of VIEWPORT_NAMES) {
          const { page, probe } = await site.open('/nodegraph?hours=168', { viewport, theme });
          await graphReady(page);
          await expectAccessible(page, `nodegraph (${viewport}, ${theme})`);
          await saveScreenshot(page, 'nodegraph', viewport, theme);
          expect(await sidewaysOverflow(page), `sideways overflow at ${viewport} width`).toBe(0);
          const walk = await tabThroughPage(page);
          expect(walk.missed, `not reached by Tab at ${viewport} width`).toEqual([]);

          // With a node chosen: the panel, its links and the table of them.
          const links = windowLinks(site.mesh.record, await sinceUs(page));
          const busiest = [...new Set(links.flatMap((l) => [l.from, l.to]))].sort(
            (a, b) =>
              links.filter((l) => l.from === b || l.to === b).length -
                links.filter((l) => l.from === a || l.to === a).length || a - b,
          )[0]!;
          await page.goto(site.url(`/nodegraph?hours=168&node=${busiest}`), {
            waitUntil: 'networkidle',
          });
          await graphReady(page);
          await panel(page).waitFor(WAIT);
          await expectAccessible(page, `nodegraph with a node (${viewport}, ${theme})`);
          await saveScreenshot(page, 'nodegraph-node', viewport, theme);
          expect(await sidewaysOverflow(page), `sideways overflow at ${viewport} width`).toBe(0);
          expectNoProblems(probe);
        }
      });
    }
  },
);
