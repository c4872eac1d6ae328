/**
 * The weekly net page in a real browser against the real reader: `[site] weekly_net_message` at
 * the top, each node's first check-in with `[site] net_tag` in the last 6 days, the number of
 * participants, and the note of a site without a tag; axe, keyboard and screenshots. Expected
 * rows come from the generator's record (support/chat-expectations.ts), never from the API.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { useBrowserSite } from './support/browser-site.js';
import { netCheckIns } from './support/chat-expectations.js';
import { chromiumSkipReason } from './support/chromium.js';
import { tabThroughPage } from './support/keyboard.js';
import { THEMES, VIEWPORT_NAMES, sidewaysOverflow } from './support/looks.js';
import { importUs, shownName } from './support/node-page-expectations.js';
import { expectNoProblems } from './support/page-probe.js';
import { saveScreenshot } from './support/screenshot.js';
import { translations } from './support/translations.js';

const en = translations('en').net!;
const es = translations('es').net!;

/** The tag the generator's check-ins carry, and the site's message about the net. */
const NET_TAG = '#BayMeshNet';
const NET_MESSAGE = 'Net every Sunday at 19:00: reply with #BayMeshNet to check in.';
const SIX_DAYS_US = 6 * 86_400_000_000;

const fill = (text: string | undefined, values: Record<string, string | number>): string =>
  text!.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));

/** The table's rows: node, its link, time link, channel, text. */
async function shownRows(page: Page) {
  return page.locator('.net-table tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      const cells = Array.from(row.querySelectorAll('td'), (td) => td.innerText.trim());
      const links = Array.from(row.querySelectorAll('a'), (a) => a.getAttribute('href') ?? '');
      return { id: Number(row.getAttribute('data-packet-id')), cells, links };
    }),
  );
}

describe.skipIf(chromiumSkipReason)(
  `the weekly net page, in Chromium${chromiumSkipReason ? ` (${chromiumSkipReason})` : ''}`,
  () => {
    const site = useBrowserSite('sqlite', 'net', {
      site: { net_tag: NET_TAG, weekly_net_message: NET_MESSAGE },
    });

    it("shows the site's message, the participant count and each node's first check-in of the last 6 days", async () => {
      const { record } = site.mesh;
      const opened = Date.now() * 1000;
      const { page, probe } = await site.open('/net');
      await page.getByRole('heading', { level: 1, name: en.title }).waitFor();
      const list = page.locator('.net-check-ins');
      await list.waitFor();
      // The window the page asked for: 6 days back from when it opened.
      const sinceUs = Number(await list.getAttribute('data-since-us'));
      expect(sinceUs).toBeGreaterThanOrEqual(opened - SIX_DAYS_US - 1_000_000);
      expect(sinceUs).toBeLessThanOrEqual(Date.now() * 1000 - SIX_DAYS_US);

      const expected = netCheckIns(record, NET_TAG, sinceUs);
      expect(expected.length).toBeGreaterThan(1);
      // Nodes that checked in more than once are listed once, at their first check-in.
      const rows = await shownRows(page);
      expect(rows.map((r) => r.id)).toEqual(expected.map((p) => p.id));
      expect(rows.map((r) => [r.cells[0], r.cells[2], r.cells[3]])).toEqual(
        expected.map((p) => [shownName(record, p.from), p.channel, p.content.text]),
      );
      for (const [i, row] of rows.entries()) {
        expect(row.links[0]).toMatch(new RegExp(`/node/${expected[i]!.from}$`));
        expect(row.links[1]).toMatch(new RegExp(`/packet/${expected[i]!.id}$`));
      }
      const times = expected.map(importUs);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      await page
        .getByText(
          fill(en[expected.length === 1 ? 'participants_one' : 'participants_other'], {
            count: expected.length,
          }),
          { exact: true },
        )
        .waitFor();
      // The message comes first, before the list.
      const message = page.getByText(NET_MESSAGE, { exact: true });
      await message.waitFor();
      const [messageTop, listTop] = await Promise.all([
        message.evaluate((el) => el.getBoundingClientRect().top),
        list.evaluate((el) => el.getBoundingClientRect().top),
      ]);
      expect(messageTop).toBeLessThan(listTop);
      expectNoProblems(probe);
    });

    it('says the net is not configured when the site has no net tag', async () => {
      const { context, probe } = await site.newContext();
      // The same site with `net_tag` empty, as its config would say.
      await context.route('**/api/config', async (route) => {
        const response = await route.fetch();
        const config = (await response.json()) as { site: Record<string, unknown> };
        await route.fulfill({
          response,
          json: { ...config, site: { ...config.site, net_tag: '' } },
        });
      });
      const requests: string[] = [];
      context.on('request', (request) => requests.push(request.url()));
      const page = await context.newPage();
      await page.goto(site.url('/net'), { waitUntil: 'networkidle' });
      await page.getByText(en.not_configured!).waitFor();
      await page.getByText(NET_MESSAGE, { exact: true }).waitFor();
      expect(await page.locator('.net-table').count()).toBe(0);
      expect(requests.filter((url) => url.includes('/api/packets'))).toEqual([]);
      expectNoProblems(probe);
    });

    it('speaks Spanish once the visitor picks it', async () => {
      const { record } = site.mesh;
      const { page, probe } = await site.open('/net');
      await page.locator('.net-check-ins').waitFor();
      const sinceUs = Number(await page.locator('.net-check-ins').getAttribute('data-since-us'));
      const count = netCheckIns(record, NET_TAG, sinceUs).length;
      await page.getByRole('banner').getByRole('combobox').selectOption('es');
      await page.getByRole('heading', { level: 1, name: es.title }).waitFor();
      await page.getByRole('table', { name: es.caption }).waitFor();
      await page
        .getByText(fill(es[count === 1 ? 'participants_one' : 'participants_other'], { count }), {
          exact: true,
        })
        .waitFor();
      expectNoProblems(probe);
    });

    for (const theme of THEMES) {
      it(`in ${theme}: axe finds nothing serious, Tab reaches every control, nothing overflows sideways, at both widths`, async () => {
        for (const viewport of VIEWPORT_NAMES) {
          const { page, probe } = await site.open('/net', { viewport, theme });
          await page.locator('.net-table tbody tr').first().waitFor();
          await expectAccessible(page, `net (${viewport}, ${theme})`);
          await saveScreenshot(page, 'net', viewport, theme, { fullPage: true });
          expect(await sidewaysOverflow(page), `sideways overflow at ${viewport} width`).toBe(0);
          const walk = await tabThroughPage(page);
          expect(walk.missed, `not reached by Tab at ${viewport} width`).toEqual([]);
          expectNoProblems(probe);
        }
      });
    }
  },
);
