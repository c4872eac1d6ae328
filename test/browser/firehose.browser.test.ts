/**
 * The firehose in a real browser against the real reader: the newest packets with their sender,
 * destination, channel and port; the channel and port filters; a row opened to its decoded
 * packet; links to the map and to traceroutes; new packets on top while live, held back while
 * paused; the row bound; a site that turns updates off; axe, keyboard and screenshots. Expected
 * values come from the generator's record (support/firehose-expectations.ts), never from the
 * API.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible } from './support/axe.js';
import { useBrowserSite } from './support/browser-site.js';
import { chromiumSkipReason } from './support/chromium.js';
import {
  FIRST_PAGE,
  filterChoice,
  firstRows,
  mapLinkOf,
  newestPosition,
  newestText,
  newestTraceroute,
  type FirehoseRow,
  type RowFilter,
} from './support/firehose-expectations.js';
import { tabThroughPage } from './support/keyboard.js';
import { THEMES, VIEWPORT_NAMES, sidewaysOverflow } from './support/looks.js';
import { importUs } from './support/node-page-expectations.js';
import { shownName, undecodable } from './support/packet-page-expectations.js';
import { expectNoProblems } from './support/page-probe.js';
import { saveScreenshot } from './support/screenshot.js';
import { storeTextMessage } from './support/site-traffic.js';
import { translations } from './support/translations.js';

const en = translations('en').firehose!;
const es = translations('es').firehose!;
const packetEn = translations('en').packet!;
const WORDS = { toAll: en.to_all!, toMqtt: en.to_mqtt!, encrypted: en.encrypted! };
/** How long a check of a live update waits (a loaded machine is slow; no timing is asserted). */
const WAIT = { timeout: 30_000 };

/** `{name}` placeholders filled, as the app's translator does. */
const fill = (text: string | undefined, values: Record<string, string | number>): string =>
  text!.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));

/** The table's rows as the page shows them (desktop: the cells' visible text). */
async function shownRows(page: Page): Promise<Omit<FirehoseRow, 'importUs'>[]> {
  await page.locator('[data-table="firehose"] tbody tr[data-packet-id]').first().waitFor(WAIT);
  return page.locator('[data-table="firehose"] tbody tr[data-packet-id]').evaluateAll((rows) =>
    rows.map((row) => {
      const text = (selector: string) =>
        row.querySelector<HTMLElement>(selector)?.innerText.trim() ?? '';
      return {
        id: Number(row.getAttribute('data-packet-id')),
        from: text('.firehose-from'),
        to: text('.firehose-to'),
        channel: text('.firehose-channel'),
        port: text('.port-badge'),
      };
    }),
  );
}

/** The packet ids of the table, top first. */
async function shownIds(page: Page): Promise<number[]> {
  return page
    .locator('[data-table="firehose"] tbody tr[data-packet-id]')
    .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-packet-id'))));
}

/**
 * Checks the page's rows against the record's: the same packets with the same cells, in import
 * order (packets stored in the same microsecond may come in either order, so rows are compared
 * by id and the order by import time).
 */
function expectRows(
  shown: Omit<FirehoseRow, 'importUs'>[],
  expected: FirehoseRow[],
  importOf: ReadonlyMap<number, number>,
): void {
  const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
  expect([...shown].sort(byId)).toEqual(expected.map(({ importUs: _, ...row }) => row).sort(byId));
  const times = shown.map((row) => importOf.get(row.id)!);
  expect(times).toEqual([...times].sort((a, b) => b - a));
}

/** Waits until the page's live feed listens (`<html data-live>`). */
async function live(page: Page): Promise<void> {
  await page.waitForFunction(
    () => ['stream', 'polling'].includes(document.documentElement.dataset.live ?? ''),
    undefined,
    WAIT,
  );
}

describe.skipIf(chromiumSkipReason)(
  `the firehose, in Chromium${chromiumSkipReason ? ` (${chromiumSkipReason})` : ''}`,
  () => {
    const site = useBrowserSite('sqlite', 'firehose');
    const importOf = () => new Map(site.mesh.record.packets.map((p) => [p.id, importUs(p)]));
    const expected = (filter: RowFilter, limit?: number) =>
      firstRows(site.mesh.record, filter, WORDS, limit);

    // Tests that store packets come last: the others expect the generator's packets alone.

    it('shows the newest 100 packets, newest first, with sender, destination, channel and port', async () => {
      const { page, probe } = await site.open('/firehose');
      await page.getByRole('heading', { level: 1, name: en.title }).waitFor();
      for (const key of ['time', 'id', 'from', 'to', 'channel', 'port'])
        await page.getByRole('columnheader', { name: en[key] }).waitFor();
      const rows = await shownRows(page);
      expect(rows).toHaveLength(FIRST_PAGE);
      expectRows(rows, expected({}), importOf());
      await page
        .getByText(fill(en.count, { shown: FIRST_PAGE, limit: 400 }), { exact: true })
        .waitFor();
      expectNoProblems(probe);
    });

    it('filters by channel with the channel list, keeping the choice in the address', async () => {
      const { channel } = filterChoice(site.mesh.record);
      const { page, probe } = await site.open('/firehose');
      await shownRows(page);
      await page.getByLabel(en.channel!, { exact: true }).selectOption(channel);
      await page.waitForURL((url) => url.searchParams.get('channel') === channel);
      const want = expected({ channel });
      await expect.poll(async () => (await shownIds(page)).length, WAIT).toBe(want.length);
      await expect
        .poll(async () => new Set((await shownRows(page)).map((r) => r.channel)), WAIT)
        .toEqual(new Set([channel]));
      expectRows(await shownRows(page), want, importOf());
      expectNoProblems(probe);
    });

    it('filters by port, and by channel and port together, from the address', async () => {
      const { channel, port } = filterChoice(site.mesh.record);
      for (const filter of [{ port }, { channel, port }] as RowFilter[]) {
        const query = new URLSearchParams(
          Object.entries(filter).map(([key, value]) => [key, String(value)]),
        );
        const { page, probe } = await site.open(`/firehose?${query}`);
        const want = expected(filter);
        expect(want.length).toBeGreaterThan(0);
        expectRows(await shownRows(page), want, importOf());
        // The lists show the choice.
        expect(await page.getByLabel(en.port!, { exact: true }).inputValue()).toBe(String(port));
        expectNoProblems(probe);
      }
      // Filtering by the port list on the page asks for it and puts it in the address.
      const { page, probe } = await site.open('/firehose');
      await shownRows(page);
      await page.getByLabel(en.port!, { exact: true }).selectOption(String(port));
      await page.waitForURL((url) => url.searchParams.get('port') === String(port));
      const want = expected({ port });
      await expect.poll(async () => (await shownIds(page)).length, WAIT).toBe(want.length);
      expectRows(await shownRows(page), want, importOf());
      expectNoProblems(probe);
    });

    it('opens a row to its decoded packet, with a link to its page, and closes it again', async () => {
      const { record } = site.mesh;
      const text = newestText(record);
      // The text ports' rows: the newest broadcast text is among them, whatever the clock.
      const { page, probe } = await site.open('/firehose?port=1');
      await shownRows(page);

      const button = page.getByRole('button', { name: fill(en.show_packet, { id: text.id }) });
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      await button.click();
      const open = page.getByRole('button', { name: fill(en.hide_packet, { id: text.id }) });
      expect(await open.getAttribute('aria-expanded')).toBe('true');
      const detail = page.locator(`#${await open.getAttribute('aria-controls')}`);
      await expect.poll(() => detail.locator('.message-text').innerText()).toBe(text.content.text);
      const link = detail.getByRole('link', { name: fill(en.packet_page, { id: text.id }) });
      expect(new URL((await link.getAttribute('href'))!, page.url()).pathname).toMatch(
        new RegExp(`/packet/${text.id}$`),
      );
      await open.click();
      expect(await detail.count()).toBe(0);

      // A position opens to its coordinates, read from its decoded content.
      const position = newestPosition(record);
      await page.goto(site.url('/firehose'), { waitUntil: 'networkidle' });
      await page.getByRole('button', { name: fill(en.show_packet, { id: position.id }) }).click();
      const coordinates = page.locator(`#firehose-packet-${position.id}`);
      const number = (value: number) =>
        new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 }).format(value);
      await coordinates
        .getByText(`${number(position.content.latitudeI / 1e7)}°`, { exact: true })
        .waitFor();

      // A packet no key opened (port 0's rows) says so.
      const secret = undecodable(record);
      await page.goto(site.url('/firehose?port=0'), { waitUntil: 'networkidle' });
      expect((await shownIds(page))[0]).toBe(secret.id);
      await page.getByRole('button', { name: fill(en.show_packet, { id: secret.id }) }).click();
      await page
        .locator(`#firehose-packet-${secret.id}`)
        .getByText(packetEn.not_decrypted!)
        .waitFor();
      expectNoProblems(probe);
    });

    it('links a position to the map at its coordinates and a traceroute to its page', async () => {
      const { record } = site.mesh;
      const position = newestPosition(record);
      const traceroute = newestTraceroute(record);
      const { page, probe } = await site.open('/firehose?port=70');
      await shownRows(page);
      const routeLink = page.getByRole('link', {
        name: fill(en.route_label, { id: traceroute.id }),
      });
      expect(new URL((await routeLink.getAttribute('href'))!, page.url()).pathname).toMatch(
        new RegExp(`/traceroute/${traceroute.id}$`),
      );
      await page.goto(site.url('/firehose'), { waitUntil: 'networkidle' });
      await shownRows(page);
      const mapLink = page.getByRole('link', { name: fill(en.on_map_label, { id: position.id }) });
      const url = new URL((await mapLink.getAttribute('href'))!, page.url());
      expect(url.pathname).toMatch(/\/map$/);
      const want = mapLinkOf(position);
      expect({
        lat: Number(url.searchParams.get('lat')),
        lng: Number(url.searchParams.get('lng')),
        zoom: Number(url.searchParams.get('zoom')),
      }).toEqual(want);
      // Only positions and traceroutes have such links.
      const linked = await page
        .locator('[data-table="firehose"] tbody tr:has(.firehose-link)')
        .evaluateAll((rows) => rows.map((row) => row.querySelector('.port-badge')!.textContent));
      const ports = new Set(expected({}).map((row) => row.port));
      expect(new Set(linked)).toEqual(
        new Set(['POSITION_APP', 'TRACEROUTE_APP'].filter((port) => ports.has(port))),
      );
      // The map page opens there.
      await mapLink.click();
      await page.waitForURL((u) => u.pathname.endsWith('/map'));
      expect(new URL(page.url()).searchParams.get('lat')).toBe(String(want.lat));
      expectNoProblems(probe);
    });

    it('speaks Spanish once the visitor picks it', async () => {
      const { page, probe } = await site.open('/firehose');
      await shownRows(page);
      await page.getByRole('banner').getByRole('combobox').selectOption('es');
      await page.getByRole('heading', { level: 1, name: es.title }).waitFor();
      for (const key of ['time', 'id', 'from', 'to', 'channel', 'port'])
        await page.getByRole('columnheader', { name: es[key] }).waitFor();
      await page.getByRole('button', { name: es.pause }).waitFor();
      await page.getByText(es.live_stream!).waitFor(WAIT);
      expectNoProblems(probe);
    });

    for (const theme of THEMES) {
      it(`in ${theme}: axe finds nothing serious, Tab reaches every control, nothing overflows sideways, at both widths`, async () => {
        for (const viewport of VIEWPORT_NAMES) {
          const { page, probe } = await site.open('/firehose', { viewport, theme });
          // The top row opened, so that its decoded content is looked at too.
          await shownRows(page);
          const [top] = await shownIds(page);
          await page.getByRole('button', { name: fill(en.show_packet, { id: top! }) }).click();
          await page.locator(`#firehose-packet-${top!} > *`).first().waitFor();
          await probe.networkQuiet();
          await expectAccessible(page, `firehose (${viewport}, ${theme})`);
          await saveScreenshot(page, 'firehose', viewport, theme, { fullPage: false });
          expect(await sidewaysOverflow(page), `sideways overflow at ${viewport} width`).toBe(0);
          if (viewport === 'desktop') {
            // A table with a header row; on a phone the rows stack as cards. Its own header
            // cells only: an opened row may hold a table of its own (a neighbour list).
            expect(await page.locator('[data-table="firehose"] > thead > tr > th').count()).toBe(6);
          } else {
            const widths = await page
              .locator('[data-table="firehose"] tbody tr[data-packet-id]')
              .first()
              .evaluate((row) => [row.scrollWidth, row.clientWidth]);
            expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
          }
          const walk = await tabThroughPage(page);
          expect(walk.missed, `not reached by Tab at ${viewport} width`).toEqual([]);
          expectNoProblems(probe);
        }
      });
    }

    it('keeps at most ?rows= rows: the newest 50, and still 50 after a new packet', async () => {
      const { page, probe } = await site.open('/firehose?rows=50');
      const want = expected({}, 50);
      expectRows(await shownRows(page), want, importOf());
      await page.getByText(fill(en.count, { shown: 50, limit: 50 }), { exact: true }).waitFor();
      await live(page);
      const from = site.mesh.node.num;
      const id = await storeTextMessage(site.site, { from, text: 'bounded' });
      await page.locator(`[data-table="firehose"] tr[data-packet-id="${id}"]`).waitFor(WAIT);
      const ids = await shownIds(page);
      expect(ids).toHaveLength(50);
      expect(ids[0]).toBe(id);
      // The oldest row dropped off the bottom.
      expect(new Set(ids.slice(1))).toEqual(new Set(want.slice(0, 49).map((row) => row.id)));
      expectNoProblems(probe);
    });

    it('shows a packet stored after the page opened at the top, without a reload', async () => {
      const { page, probe } = await site.open('/firehose');
      await shownRows(page);
      await live(page);
      await page.getByText(en.live_stream!).waitFor(WAIT);
      const node = site.mesh.node;
      const id = await storeTextMessage(site.site, { from: node.num, text: 'to the firehose' });
      const row = page.locator(`[data-table="firehose"] tr[data-packet-id="${id}"]`);
      await row.waitFor(WAIT);
      expect((await shownIds(page))[0]).toBe(id);
      const [top] = await shownRows(page);
      expect(top).toMatchObject({
        from: shownName(site.mesh.record, node.num),
        to: en.to_all,
        port: 'TEXT_MESSAGE_APP',
      });
      await page.getByRole('button', { name: fill(en.show_packet, { id }) }).click();
      await expect
        .poll(() => page.locator(`#firehose-packet-${id} .message-text`).innerText())
        .toBe('to the firehose');
      expectNoProblems(probe);
    });

    it('holds new packets back while paused, counting them, and shows them on resume', async () => {
      const { page, probe } = await site.open('/firehose');
      await shownRows(page);
      await live(page);
      const before = await shownIds(page);
      await page.getByRole('button', { name: en.pause }).click();
      await page.getByRole('button', { name: en.resume }).waitFor();
      const from = site.mesh.node.num;
      const id = await storeTextMessage(site.site, { from, text: 'while paused' });
      const status = page.locator('.firehose-new[role="status"]');
      await expect.poll(() => status.innerText(), WAIT).toBe(fill(en.new_one, { count: 1 }));
      expect(await shownIds(page)).toEqual(before);
      await page.getByRole('button', { name: en.resume }).click();
      await page.locator(`[data-table="firehose"] tr[data-packet-id="${id}"]`).waitFor(WAIT);
      expect(await shownIds(page)).toEqual([id, ...before].slice(0, 400));
      expect((await status.innerText()).trim()).toBe('');
      expectNoProblems(probe);
    });
  },
);

describe.skipIf(chromiumSkipReason)(
  `the firehose on a site without live updates${chromiumSkipReason ? ` (${chromiumSkipReason})` : ''}`,
  () => {
    const site = useBrowserSite('sqlite', 'firehose-off', { site: { firehose_interval: '0' } });

    it('says it is not live, offers no pause, and does not listen for packets', async () => {
      const { context, probe } = await site.newContext();
      const listening: string[] = [];
      context.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname.endsWith('/api/stream/packets') || url.searchParams.has('since'))
          listening.push(url.href);
      });
      const page = await context.newPage();
      await page.goto(site.url('/firehose'), { waitUntil: 'networkidle' });
      await page.getByText(en.live_off!).waitFor();
      expect(await shownRows(page)).toHaveLength(FIRST_PAGE);
      expect(await page.getByRole('button', { name: en.pause }).count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.dataset.live)).toBeUndefined();
      expect(listening).toEqual([]);
      expectNoProblems(probe);
    });
  },
);
