/// <reference lib="dom" />
// `allRows` reads the rows in the page, hence the DOM's types.
/**
 * The node list in a real browser: the nodes the simulated mesh made known (`site.mesh.record`,
 * the generator's record of what it sent), with their names, hardware, roles, channels,
 * positions and gateway flags, in the order they were last heard; search, filters, sorting,
 * favourites and CSV; and, over 10,000 more nodes, only the rows on screen in the page.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Download, Page } from 'playwright-core';
import type { Database } from '@meshview/db';
import { useBrowserSite } from './support/browser-site.js';
import { chromiumSkipReason } from './support/chromium.js';
import {
  byLongName,
  csvFields,
  filterOptions,
  listedNodes,
  matchesSearch,
  parseCsv,
  shownDegrees,
  shownName,
  type ListedNode,
} from './support/node-list-expectations.js';
import { expectNoProblems } from './support/page-probe.js';
import { translations } from './support/translations.js';

const en = translations('en').nodelist!;
const yes = translations('en').base!.yes!;

/** The count line as the page words it in English. */
const countText = (shown: number, total: number) =>
  en
    .count!.replace('{shown}', shown.toLocaleString('en'))
    .replace('{total}', total.toLocaleString('en'));

const rows = (page: Page) => page.locator('tbody tr.node-row');
const countLine = (page: Page) => page.locator('main .count');
const searchBox = (page: Page) => page.getByRole('searchbox', { name: en.search! });

/** The long names of the rows in the page, in order (without the phone layout's badge). */
const shownLongNames = (page: Page): Promise<string[]> =>
  rows(page).locator('td.cell-name .node-long').allInnerTexts();

/** A row as the page shows it (cell texts without the phone cards' labels). */
interface ShownRow {
  readonly name: string;
  readonly short: string;
  readonly href: string;
  readonly hw: string;
  readonly role: string;
  readonly lat: string;
  readonly lon: string;
  readonly channel: string;
  readonly gateway: string;
}

/** What a node's row must show. */
const expectedRow = (n: ListedNode, base: string): ShownRow => ({
  name: shownName(n),
  short: n.shortName ?? '—',
  href: `${base}/node/${n.num}`,
  hw: n.hwModel ?? '—',
  role: n.role ?? '—',
  lat: shownDegrees(n.lastLat),
  lon: shownDegrees(n.lastLong),
  channel: n.channel ?? '—',
  gateway: n.gateway ? yes : '—',
});

/**
 * Every row of the (windowed) list, in order: scrolls the page down a screen at a time and
 * reads the rows each screen renders, by `aria-rowindex`, until the last.
 */
async function allRows(page: Page): Promise<ShownRow[]> {
  const byIndex = new Map<number, ShownRow>();
  await page.evaluate(() => window.scrollTo(0, 0));
  for (let step = 0; step < 200; step++) {
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    const seen = await page.evaluate(() => {
      const text = (cell: Element | null) =>
        Array.from(cell?.childNodes ?? [])
          .filter((n) => !(n instanceof Element && n.classList.contains('cell-label')))
          .map((n) => (n instanceof HTMLElement ? n.innerText : (n.textContent ?? '')))
          .join('')
          .trim();
      const found = Array.from(document.querySelectorAll('tbody tr.node-row')).map((tr) => {
        const cell = (name: string) => tr.querySelector(`td.cell-${name}`);
        const link = tr.querySelector<HTMLAnchorElement>('td.cell-name a');
        return {
          index: Number(tr.getAttribute('aria-rowindex')),
          row: {
            name: tr.querySelector<HTMLElement>('td.cell-name .node-long')?.innerText ?? '',
            short: text(cell('short')),
            href: link ? new URL(link.href).pathname : '',
            hw: text(cell('hw_model')),
            role: text(cell('role')),
            lat: text(cell('lat')),
            lon: text(cell('lon')),
            channel: text(cell('channel')),
            gateway: text(cell('gateway')),
          },
        };
      });
      const total = Number(
        document.querySelector('table.node-table')?.getAttribute('aria-rowcount'),
      );
      const bottom =
        window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
      window.scrollBy(0, Math.floor(window.innerHeight / 2));
      return { found, total, bottom };
    });
    for (const { index, row } of seen.found) byIndex.set(index, row);
    if (byIndex.size >= seen.total - 1 && seen.bottom) break;
  }
  return [...byIndex].sort(([a], [b]) => a - b).map(([, row]) => row);
}

/** The site's base path, as the nodes' links start with it. */
const basePath = (page: Page) => new URL(page.url()).pathname.replace(/\/nodelist$/, '');

/** The records of a downloaded CSV (header first), without its BOM. */
async function csvOf(download: Download): Promise<string[][]> {
  return parseCsv(readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, ''));
}

describe.skipIf(chromiumSkipReason)(
  `the node list${chromiumSkipReason ? ` (${chromiumSkipReason})` : ''}`,
  () => {
    const site = useBrowserSite('sqlite', 'nodelist');

    it('shows every node the mesh made known, most recently heard first, as it was sent', async () => {
      const { page, probe } = await site.open('/nodelist');
      const nodes = listedNodes(site.mesh.record);
      // The record's own facts: Private-channel nodes are never readable, gateways did report.
      expect(nodes.some((n) => n.channel === 'Private')).toBe(false);
      expect(nodes.filter((n) => n.gateway).length).toBeGreaterThan(1);
      await expect
        .poll(() => countLine(page).textContent())
        .toBe(countText(nodes.length, nodes.length));
      expect(await page.locator('table.node-table').getAttribute('aria-rowcount')).toBe(
        String(nodes.length + 1),
      );
      const base = basePath(page);
      expect(await allRows(page)).toEqual(nodes.map((n) => expectedRow(n, base)));
      expect(await page.title()).toContain(en.title!);
      expectNoProblems(probe);
    });

    it('finds nodes by name, decimal id and !hex id, and keeps the search in the URL', async () => {
      const { page, probe } = await site.open('/nodelist');
      const nodes = listedNodes(site.mesh.record);
      // A name with letters outside ASCII (Zoë, Tomás), typed in lower case; a router by its
      // decimal number; a hiker (the secondary channel) by its !hex id.
      const accented = nodes.find((n) => /[^\p{ASCII}]/u.test(n.longName ?? ''));
      const router = nodes.find((n) => n.role === 'ROUTER');
      const hiker = nodes.find((n) => n.channel === 'Hikers');
      expect(accented && router && hiker).toBeTruthy();
      const cases = [
        accented!.longName!.toLowerCase(),
        accented!.longName!.split("'")[0]!.toLowerCase(),
        String(router!.num),
        hiker!.id,
      ];
      const search = searchBox(page);
      for (const query of cases) {
        const found = nodes.filter((n) => matchesSearch(n, query)).map(shownName);
        expect(found.length, query).toBeGreaterThan(0);
        await search.fill(query);
        await expect.poll(() => shownLongNames(page)).toEqual(found);
        await expect
          .poll(() => countLine(page).textContent())
          .toBe(countText(found.length, nodes.length));
        await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(query);
      }
      // The URL is the view: opening it again shows the same node.
      await page.reload({ waitUntil: 'networkidle' });
      await expect.poll(() => shownLongNames(page)).toEqual([shownName(hiker!)]);
      expect(await search.inputValue()).toBe(hiker!.id);
      expectNoProblems(probe);
    });

    it('filters by role, channel and gateways, alone and together', async () => {
      const { page, probe } = await site.open('/nodelist');
      const nodes = listedNodes(site.mesh.record);
      const names = (list: readonly ListedNode[]) => list.map(shownName);
      const routers = nodes.filter((n) => n.role === 'ROUTER');
      const gateways = nodes.filter((n) => n.gateway);
      const hikers = nodes.filter((n) => n.channel === 'Hikers');
      const role = page.getByLabel(en.role!, { exact: true });
      const channel = page.getByLabel(en.channel!, { exact: true });
      const count = (shown: readonly ListedNode[]) =>
        expect
          .poll(() => countLine(page).textContent())
          .toBe(countText(shown.length, nodes.length));

      // The dropdowns offer the values the record's nodes have, each with its count.
      expect(await role.locator('option').allInnerTexts()).toEqual(
        filterOptions(nodes, 'role', en.all!),
      );
      expect(await channel.locator('option').allInnerTexts()).toEqual(
        filterOptions(nodes, 'channel', en.all!),
      );
      expect(
        await page.getByLabel(en.hw_model!, { exact: true }).locator('option').allInnerTexts(),
      ).toEqual(filterOptions(nodes, 'hwModel', en.all!));

      await role.selectOption('ROUTER');
      await count(routers);
      expect(await shownLongNames(page)).toEqual(names(routers));

      await role.selectOption('');
      await page.getByLabel(en.gateways_only!).check();
      await count(gateways);
      expect(await shownLongNames(page)).toEqual(names(gateways));
      expect(new URL(page.url()).searchParams.get('gw')).toBe('1');

      await role.selectOption('ROUTER');
      const both = gateways.filter((n) => n.role === 'ROUTER');
      expect(both.length).toBeGreaterThan(0);
      await count(both);
      expect(await shownLongNames(page)).toEqual(names(both));

      await page.getByRole('button', { name: en.reset! }).click();
      await count(nodes);
      await channel.selectOption('Hikers');
      await count(hikers);
      expect(await shownLongNames(page)).toEqual(names(hikers));

      await page.getByRole('button', { name: en.reset! }).click();
      await count(nodes);
      expectNoProblems(probe);
    });

    it('sorts by a column from the keyboard, with aria-sort saying which way', async () => {
      const { page, probe } = await site.open('/nodelist');
      const nodes = listedNodes(site.mesh.record);
      const header = page.getByRole('columnheader', { name: en.long_name! });
      await header.getByRole('button').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
      expect((await allRows(page)).map((r) => r.name)).toEqual(
        byLongName(nodes, 'asc').map(shownName),
      );
      await header.getByRole('button').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
      expect((await allRows(page)).map((r) => r.name)).toEqual(
        byLongName(nodes, 'desc').map(shownName),
      );
      expect(new URL(page.url()).searchParams.get('sort')).toBe('long_name');
      expectNoProblems(probe);
    });

    it('stars favourites, shows only them on request and remembers them', async () => {
      const { page, probe } = await site.open('/nodelist');
      const nodes = listedNodes(site.mesh.record);
      // Two nodes far apart in the list: one near its end (off screen at first).
      const picked = [nodes[1]!, nodes.at(-2)!];
      for (const node of picked) {
        await searchBox(page).fill(node.id);
        await expect.poll(() => shownLongNames(page)).toEqual([shownName(node)]);
        const star = rows(page).locator('button.star');
        expect(await star.getAttribute('aria-pressed')).toBe('false');
        await star.focus();
        await page.keyboard.press('Space');
        await expect.poll(() => star.getAttribute('aria-pressed')).toBe('true');
      }
      await searchBox(page).fill('');
      await page.getByLabel(en.favourites_only!).check();
      // In the list's order: the most recently heard first.
      const expected = picked.map(shownName);
      await expect.poll(() => shownLongNames(page)).toEqual(expected);
      await page.reload({ waitUntil: 'networkidle' });
      await expect.poll(() => shownLongNames(page)).toEqual(expected);
      await expect
        .poll(() => countLine(page).textContent())
        .toBe(countText(picked.length, nodes.length));
      expectNoProblems(probe);
    });

    it('downloads the rows it shows as CSV, all of them, not only those on screen', async () => {
      const { page, probe } = await site.open('/nodelist?sort=long_name&dir=asc');
      const nodes = listedNodes(site.mesh.record);
      const header = [
        'node_id',
        'id',
        'short_name',
        'long_name',
        'hw_model',
        'firmware',
        'role',
        'lat',
        'lon',
        'channel',
        'is_mqtt_gateway',
        'last_seen',
      ];
      const download = async () => {
        const [file] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: en.export_csv! }).click(),
        ]);
        expect(file.suggestedFilename()).toBe('nodes.csv');
        return csvOf(file);
      };
      await expect
        .poll(() => countLine(page).textContent())
        .toBe(countText(nodes.length, nodes.length));
      expect(await download()).toEqual([header, ...byLongName(nodes, 'asc').map(csvFields)]);

      await page.getByLabel(en.channel!, { exact: true }).selectOption('Hikers');
      const hikers = nodes.filter((n) => n.channel === 'Hikers');
      await expect.poll(() => rows(page).count()).toBe(hikers.length);
      expect(await download()).toEqual([header, ...byLongName(hikers, 'asc').map(csvFields)]);
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
        const total = listedNodes(site.mesh.record).length + MANY;
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
