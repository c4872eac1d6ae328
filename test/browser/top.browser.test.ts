/**
 * The top page in a real browser, on the simulated mesh: the default channel is the busiest of
 * the last 24 hours by the generator's record; the rows are `/api/stats/top`'s for the same
 * window, channel, sort and page; a column header sorts on the server (the request's `sort`
 * and `order`); paging, the window and channel pickers, the URL; Spanish; and the looks.
 */
import { describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import type { StatsTopResponse } from '@meshview/api';
import { expectAccessible } from './support/axe.js';
import { useBrowserSite } from './support/browser-site.js';
import { chromiumSkipReason } from './support/chromium.js';
import { tabThroughPage } from './support/keyboard.js';
import { sidewaysOverflow, THEMES, VIEWPORT_NAMES } from './support/looks.js';
import { expectNoProblems } from './support/page-probe.js';
import { apiJson, busiestChannelOf, saveFullPage } from './support/stats-expectations.js';
import { translations } from './support/translations.js';

const en = translations('en').top!;
const es = translations('es').top!;
const WAIT = { timeout: 30_000 };

const channelPicker = (page: Page) => page.locator('select[name="channel"]');
const sortButton = (page: Page, sort: string) => page.locator(`th button[data-sort="${sort}"]`);

/** The rows on the page: node, sent, seen and average, as the API gives them. */
async function shownRows(page: Page) {
  return page.locator('tbody tr.top-row').evaluateAll((rows) =>
    rows.map((row) => ({
      node_id: Number(row.getAttribute('data-node')),
      sent: Number(row.querySelector('[data-col="sent"]')!.textContent.replace(/,/g, '')),
      seen: Number(row.querySelector('[data-col="seen"]')!.textContent.replace(/,/g, '')),
      avg: Number(row.querySelector('[data-col="avg"]')!.getAttribute('data-value')),
    })),
  );
}

const rowsOf = (answer: StatsTopResponse) =>
  answer.nodes.map((n) => ({ node_id: n.node_id, sent: n.sent, seen: n.seen, avg: n.avg }));

/** The page's next request to `/api/stats/top`, while `act` runs. */
async function topRequest(page: Page, act: () => Promise<unknown>): Promise<URLSearchParams> {
  const [request] = await Promise.all([
    page.waitForRequest((r: Request) => r.url().includes('/api/stats/top'), WAIT),
    act(),
  ]);
  return new URL(request.url()).searchParams;
}

describe.skipIf(chromiumSkipReason)(
  `the top page${chromiumSkipReason ? ` (${chromiumSkipReason})` : ''}`,
  () => {
    const site = useBrowserSite('sqlite', 'top');
    /** The API's answer for the parameters the page sent. */
    const apiFor = (params: URLSearchParams) =>
      apiJson<StatsTopResponse>(site.url(`/api/stats/top?${params}`));

    it('ranks the busiest channel’s nodes of the last 24 hours by default, as the API does', async () => {
      const { channel, counts } = busiestChannelOf(site.mesh.record, Date.now());
      expect(counts.size).toBeGreaterThan(1);
      const { context, probe } = await site.newContext();
      const page = await context.newPage();
      const params = await topRequest(page, async () => {
        await page.goto(site.url('/top'));
      });
      expect(Object.fromEntries(params)).toEqual({
        period_type: 'hour',
        length: '24',
        channel,
        limit: '20',
        offset: '0',
        sort: 'seen',
        order: 'desc',
      });
      expect(await channelPicker(page).inputValue()).toBe(channel);
      const answer = await apiFor(params);
      expect(answer.nodes.length).toBeGreaterThan(1);
      await expect.poll(() => shownRows(page), WAIT).toEqual(rowsOf(answer));
      // Sorted by receptions, most first.
      const seen = answer.nodes.map((n) => n.seen);
      expect(seen).toEqual([...seen].sort((a, b) => b - a));
      expectNoProblems(probe);
    });

    it('sorts on the server by each column header, either way, kept in the URL', async () => {
      const { page, probe } = await site.open('/top?channel=*');
      await page.locator('tbody tr.top-row').first().waitFor(WAIT);
      for (const [sort, first] of [
        ['sent', 'desc'],
        ['avg', 'desc'],
        ['name', 'asc'],
        ['seen', 'desc'],
      ] as const) {
        for (const order of first === 'desc' ? ['desc', 'asc'] : ['asc', 'desc']) {
          const params = await topRequest(page, () => sortButton(page, sort).click());
          expect({ sort: params.get('sort'), order: params.get('order') }).toEqual({ sort, order });
          expect(params.has('channel')).toBe(false);
          const answer = await apiFor(params);
          await expect.poll(() => shownRows(page), WAIT).toEqual(rowsOf(answer));
          expect(
            await page.locator(`th:has(button[data-sort="${sort}"])`).getAttribute('aria-sort'),
          ).toBe(order === 'asc' ? 'ascending' : 'descending');
          if (sort === 'sent') {
            const sent = answer.nodes.map((n) => n.sent);
            expect(sent).toEqual([...sent].sort((a, b) => (order === 'asc' ? a - b : b - a)));
          }
        }
      }
      // The last sort (seen, ascending) survives a reload.
      expect(new URL(page.url()).searchParams.get('order')).toBe('asc');
      const params = await topRequest(page, async () => {
        await page.reload();
      });
      expect(params.get('order')).toBe('asc');
      await expect.poll(() => shownRows(page), WAIT).toEqual(rowsOf(await apiFor(params)));
      expectNoProblems(probe);
    });

    it('pages through every node, 20 at a time, and counts them', async () => {
      const { page, probe } = await site.open('/top?channel=*&sort=sent');
      await page.locator('tbody tr.top-row').first().waitFor(WAIT);
      const first = await apiJson<StatsTopResponse>(
        site.url('/api/stats/top?period_type=hour&length=24&sort=sent&limit=20'),
      );
      expect(first.total).toBeGreaterThan(20);
      const pages = Math.ceil(first.total / 20);
      const seenIds: number[] = [];
      for (let n = 1; n <= pages; n++) {
        if (n > 1) {
          const params = await topRequest(page, () =>
            page.getByRole('button', { name: en.next! }).click(),
          );
          expect(params.get('offset')).toBe(String((n - 1) * 20));
          expect(params.get('sort')).toBe('sent');
          const answer = await apiFor(params);
          await expect.poll(() => shownRows(page), WAIT).toEqual(rowsOf(answer));
        }
        await expect
          .poll(() => page.locator('.pager-where').innerText())
          .toBe(en.page_of!.replace('{page}', String(n)).replace('{pages}', String(pages)));
        seenIds.push(...(await shownRows(page)).map((r) => r.node_id));
      }
      expect(await page.getByRole('button', { name: en.next! }).isDisabled()).toBe(true);
      // Every node once: no page repeats or skips one.
      expect(seenIds.length).toBe(first.total);
      expect(new Set(seenIds).size).toBe(first.total);
      expect(new URL(page.url()).searchParams.get('page')).toBe(String(pages));
      await topRequest(page, () => page.getByRole('button', { name: en.previous! }).click());
      expect(new URL(page.url()).searchParams.get('page')).toBe(
        pages - 1 > 1 ? String(pages - 1) : null,
      );
      expectNoProblems(probe);
    });

    it('filters by channel and window, back to the first page', async () => {
      const { counts } = busiestChannelOf(site.mesh.record, Date.now());
      const { page, probe } = await site.open('/top?page=2&channel=*');
      await page.locator('tbody tr.top-row').first().waitFor(WAIT);
      for (const channel of counts.keys()) {
        const params = await topRequest(page, () => channelPicker(page).selectOption(channel));
        expect({ channel: params.get('channel'), offset: params.get('offset') }).toEqual({
          channel,
          offset: '0',
        });
        const answer = await apiFor(params);
        await expect.poll(() => shownRows(page), WAIT).toEqual(rowsOf(answer));
      }
      for (const [window, period, length] of [
        ['1h', 'hour', '1'],
        ['6h', 'hour', '6'],
        ['3d', 'day', '3'],
        ['7d', 'day', '7'],
      ] as const) {
        const params = await topRequest(page, () =>
          page.locator('select[name="window"]').selectOption(window),
        );
        expect({ period: params.get('period_type'), length: params.get('length') }).toEqual({
          period,
          length,
        });
        await expect.poll(() => shownRows(page), WAIT).toEqual(rowsOf(await apiFor(params)));
        expect(new URL(page.url()).searchParams.get('window')).toBe(window);
      }
      expectNoProblems(probe);
    });

    it('speaks Spanish', async () => {
      const { page, probe } = await site.open('/top');
      await page.getByRole('banner').getByRole('combobox').selectOption('es');
      await page.getByRole('heading', { level: 1, name: es.title! }).waitFor(WAIT);
      await page.getByRole('button', { name: es.column_sent! }).waitFor(WAIT);
      expect(await page.locator('html').getAttribute('lang')).toBe('es');
      expectNoProblems(probe);
    });

    for (const theme of THEMES) {
      it(`passes axe, Tab reaches every control, nothing scrolls sideways, in ${theme} at both widths`, async () => {
        for (const viewport of VIEWPORT_NAMES) {
          const { page, probe } = await site.open('/top', { viewport, theme });
          await page.locator('tbody tr.top-row').first().waitFor(WAIT);
          await expectAccessible(page, `top page (${viewport}, ${theme})`);
          expect(await sidewaysOverflow(page), `${viewport} ${theme}`).toBe(0);
          await saveFullPage(page, 'top', viewport, theme);
          const walk = await tabThroughPage(page);
          expect(walk.missed, `not reached by Tab at ${viewport} width`).toEqual([]);
          expectNoProblems(probe);
        }
      }, 180_000);
    }
  },
);
