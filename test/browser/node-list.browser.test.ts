/**
 * The node list in a real browser: the nodes the simulated mesh announced, with their names,
 * roles and gateways as the generator sent them; search, filters, sorting, favourites and CSV;
 * and, over 10,000 more nodes, only the rows on screen in the page.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Page } from 'playwright-core';
import type { Database } from '@meshview/db';
import { TRAFFIC_NODES, type TrafficNode } from '@meshview/sim';
import { useBrowserSite } from './support/browser-site.js';
import { chromiumSkipReason } from './support/chromium.js';
import { expectNoProblems } from './support/page-probe.js';
import type { SiteMesh } from './support/site-mesh.js';
import { translations } from './support/translations.js';

const en = translations('en').nodelist!;

/** The count line as the page words it in English. */
const countText = (shown: number, total: number) =>
  en
    .count!.replace('{shown}', shown.toLocaleString('en'))
    .replace('{total}', total.toLocaleString('en'));

/**
 * What the generator's record says the list shows: every node it announced (all of them within
 * the last two days, so inside the default 3), and which of them uplinked to MQTT (the gateway
 * ids of its messages' topics).
 */
function expected(mesh: SiteMesh) {
  const nodes: TrafficNode[] = Object.values(TRAFFIC_NODES);
  const gatewayIds = new Set(mesh.record.messages.map((m) => m.topic.split('/').at(-1)));
  return {
    nodes,
    gateways: nodes.filter((n) => gatewayIds.has(n.id)),
    // Config.DeviceConfig.Role 2 is ROUTER.
    routers: nodes.filter((n) => n.role === 2),
  };
}

const rows = (page: Page) => page.locator('tbody tr.node-row');
const countLine = (page: Page) => page.locator('main .count');

/** The long names shown, in order (without the short-name badge the phone layout adds). */
const shownLongNames = (page: Page): Promise<string[]> =>
  rows(page).locator('td.cell-name .node-long').allInnerTexts();

describe.skipIf(chromiumSkipReason)(
  `the node list${chromiumSkipReason ? ` (${chromiumSkipReason})` : ''}`,
  () => {
    const site = useBrowserSite('sqlite', 'nodelist');

    it('shows every node the mesh announced, with its names, role and gateway flag', async () => {
      const { page, probe } = await site.open('/nodelist');
      const { nodes, gateways } = expected(site.mesh);
      await expect
        .poll(() => countLine(page).textContent())
        .toBe(countText(nodes.length, nodes.length));
      expect(await rows(page).count()).toBe(nodes.length);
      for (const node of nodes) {
        const row = rows(page).filter({ hasText: node.longName });
        expect(await row.count(), node.longName).toBe(1);
        expect(await row.locator('td.cell-short').innerText()).toBe(node.shortName);
        const href = await row.getByRole('link', { name: node.longName }).getAttribute('href');
        expect(new URL(href!, page.url()).pathname).toMatch(new RegExp(`/node/${node.num}$`));
        const gateway = await row.locator('td.cell-gateway').innerText();
        if (gateways.includes(node)) expect(gateway).toContain(translations('en').base!.yes!);
      }
      expect(await page.title()).toContain(en.title!);
      expectNoProblems(probe);
    });

    it('finds nodes by name, decimal id and !hex id, and keeps the search in the URL', async () => {
      const { page, probe } = await site.open('/nodelist');
      const { alice, bob, carol } = TRAFFIC_NODES;
      const search = page.getByRole('searchbox', { name: en.search! });
      for (const [query, node] of [
        [alice.longName.toLowerCase(), alice],
        [String(carol.num), carol],
        [bob.id, bob],
      ] as const) {
        await search.fill(query);
        await expect.poll(() => shownLongNames(page)).toEqual([node.longName]);
        await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(query);
      }
      // The URL is the view: opening it again shows the same node.
      await page.reload({ waitUntil: 'networkidle' });
      await expect.poll(() => shownLongNames(page)).toEqual([bob.longName]);
      expect(await search.inputValue()).toBe(bob.id);
      expectNoProblems(probe);
    });

    it('filters by role, channel and gateways, alone and together', async () => {
      const { page, probe } = await site.open('/nodelist');
      const { nodes, gateways, routers } = expected(site.mesh);
      const names = (list: readonly TrafficNode[]) => list.map((n) => n.longName).sort();

      await page.getByLabel(en.role!, { exact: true }).selectOption('ROUTER');
      await expect.poll(async () => (await shownLongNames(page)).sort()).toEqual(names(routers));

      await page.getByLabel(en.role!, { exact: true }).selectOption('');
      await page.getByLabel(en.gateways_only!).check();
      await expect.poll(async () => (await shownLongNames(page)).sort()).toEqual(names(gateways));
      expect(new URL(page.url()).searchParams.get('gw')).toBe('1');

      await page.getByLabel(en.channel!, { exact: true }).selectOption('MediumFast');
      const both = gateways.filter((n) => n.channel === 'MediumFast');
      await expect.poll(async () => (await shownLongNames(page)).sort()).toEqual(names(both));
      await expect
        .poll(() => countLine(page).textContent())
        .toBe(countText(both.length, nodes.length));

      await page.getByRole('button', { name: en.reset! }).click();
      await expect.poll(() => rows(page).count()).toBe(nodes.length);
      expectNoProblems(probe);
    });

    it('sorts by a column from the keyboard, with aria-sort saying which way', async () => {
      const { page, probe } = await site.open('/nodelist');
      const sorted = Object.values(TRAFFIC_NODES)
        .map((n) => n.longName)
        .sort((a, b) => a.localeCompare(b, 'en'));
      const header = page.getByRole('columnheader', { name: en.long_name! });
      await header.getByRole('button').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
      await expect.poll(() => shownLongNames(page)).toEqual(sorted);
      await page.keyboard.press('Enter');
      await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
      await expect.poll(() => shownLongNames(page)).toEqual([...sorted].reverse());
      expect(new URL(page.url()).searchParams.get('sort')).toBe('long_name');
      expectNoProblems(probe);
    });

    it('stars favourites, shows only them on request and remembers them', async () => {
      const { page, probe } = await site.open('/nodelist');
      const { carol } = TRAFFIC_NODES;
      const star = rows(page).filter({ hasText: carol.longName }).locator('button.star');
      expect(await star.getAttribute('aria-pressed')).toBe('false');
      await star.focus();
      await page.keyboard.press('Space');
      await expect.poll(() => star.getAttribute('aria-pressed')).toBe('true');
      await page.getByLabel(en.favourites_only!).check();
      await expect.poll(() => shownLongNames(page)).toEqual([carol.longName]);
      await page.reload({ waitUntil: 'networkidle' });
      await expect.poll(() => shownLongNames(page)).toEqual([carol.longName]);
      expectNoProblems(probe);
    });

    it('downloads the rows it shows as CSV', async () => {
      const { page, probe } = await site.open('/nodelist?channel=LongFast&sort=long_name&dir=asc');
      const longFast = Object.values(TRAFFIC_NODES)
        .filter((n) => n.channel === 'LongFast')
        .sort((a, b) => a.longName.localeCompare(b.longName, 'en'));
      await expect.poll(() => rows(page).count()).toBe(longFast.length);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: en.export_csv! }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('nodes.csv');
      const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
      const [header, ...lines] = text.trim().split('\r\n');
      expect(header!.split(',').slice(0, 4)).toEqual(['node_id', 'id', 'short_name', 'long_name']);
      expect(lines.map((line) => line.split(',').slice(0, 4))).toEqual(
        longFast.map((n) => [String(n.num), n.id, n.shortName, n.longName]),
      );
      expectNoProblems(probe);
    });
  },
);

/** How many nodes the long list adds to the mesh. */
const MANY = 10_000;

/** 10,000 more nodes, seen in the last hours, named `Bulk node <i>`. */
async function manyNodes(db: Kysely<Database>): Promise<void> {
  const nowUs = Date.now() * 1000;
  const rowsOf = Array.from({ length: MANY }, (_, i) => {
    const num = 0x20000000 + i;
    return {
      id: `!${num.toString(16).padStart(8, '0')}`,
      node_id: num,
      long_name: `Bulk node ${i}`,
      short_name: `B${i % 1000}`,
      hw_model: 'RAK4631',
      firmware: '2.5.0',
      role: i % 10 === 0 ? 'ROUTER' : 'CLIENT',
      last_lat: null,
      last_long: null,
      channel: 'LongFast',
      is_mqtt_gateway: false,
      first_seen_us: nowUs - 86_400_000_000,
      last_seen_us: nowUs - (i % 100) * 60_000_000,
    };
  });
  for (let i = 0; i < rowsOf.length; i += 500) {
    await db
      .insertInto('node')
      .values(rowsOf.slice(i, i + 500))
      .execute();
  }
}

describe.skipIf(chromiumSkipReason)(
  `the node list of 10,000 nodes${chromiumSkipReason ? ` (${chromiumSkipReason})` : ''}`,
  () => {
    const site = useBrowserSite('sqlite', 'nodelist_many', { seed: manyNodes });

    for (const viewport of ['desktop', 'phone'] as const) {
      it(`renders only the rows on screen, at ${viewport} width, down to the last`, async () => {
        const { page, probe } = await site.open('/nodelist', { viewport });
        const total = Object.values(TRAFFIC_NODES).length + MANY;
        await expect.poll(() => countLine(page).textContent()).toBe(countText(total, total));
        expect(await page.locator('table.node-table').getAttribute('aria-rowcount')).toBe(
          String(total + 1),
        );
        const inPage = await rows(page).count();
        expect(inPage).toBeGreaterThan(5);
        expect(inPage).toBeLessThan(100);

        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        const last = rows(page).locator(`xpath=self::*[@aria-rowindex="${total + 1}"]`);
        await expect.poll(() => last.count()).toBe(1);
        expect(await rows(page).count()).toBeLessThan(100);

        await page.getByRole('searchbox', { name: en.search! }).fill('Bulk node 9999');
        await expect.poll(() => shownLongNames(page)).toEqual(['Bulk node 9999']);
        expectNoProblems(probe);
      });
    }
  },
);
