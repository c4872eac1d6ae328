/// <reference lib="dom" />
// The functions passed to `page.evaluate` run in the page, hence the DOM's types.
/**
 * The map and the kiosk in a real browser against the real reader: what they draw is what the
 * simulated mesh's record says was sent (support/map-expectations.ts), read through the data
 * attributes of the drawn elements (`data-node-id`, `data-cluster-count`, `data-precision-*`,
 * `data-edge-*`, `data-blink`, and the container's `data-map-state` and `data-drawn-markers`).
 * The links of a node are checked against the record's neighbour reports and against
 * `/api/edges`' answer; live packets are stored through the writer's pipeline while the page is
 * open (support/site-traffic.ts).
 */
import type { Kysely } from 'kysely';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Database } from '@meshview/db';
import type { DialectUnderTest } from '#test/databases.js';
import { pgSkipReason } from '#test/postgres.js';
import { expectAccessible } from './support/axe.js';
import { useBrowserSite, type BrowserSite } from './support/browser-site.js';
import { chromiumSkipReason } from './support/chromium.js';
import { tabThroughPage } from './support/keyboard.js';
import { sidewaysOverflow, THEMES, VIEWPORT_NAMES, VIEWPORTS } from './support/looks.js';
import {
  channelOrder,
  expectedRadius,
  neighborLinks,
  placedNodes,
  viewHolding,
  type MapViewQuery,
  type PlacedNode,
} from './support/map-expectations.js';
import { expectNoProblems } from './support/page-probe.js';
import { saveScreenshot } from './support/screenshot.js';
import { TILE_HOST } from './support/site.js';
import { storeTextMessage } from './support/site-traffic.js';
import { translations } from './support/translations.js';

const en = translations('en');
const t = en.map!;
/** How long a check waits (a loaded machine is slow; no timing is asserted). */
const WAIT = { timeout: 30_000 };
/** A box smaller than the desktop map (its side panel and the page around it taken off). */
const OVERVIEW_BOX = { width: 880, height: 440 };
/** A second base map the site offers (`[site] map_tile_urls`), served by the tile stub. */
const TOPO_URL = `http://${TILE_HOST}/topo/{z}/{x}/{y}.png`;
/** What Chromium logs for a tile it could not fetch: expected while tiles are blocked. */
const TILE_FAILURES = [new RegExp(`^console http://${TILE_HOST.replace(/\./g, '\\.')}/`)];
/** A zoom at which the mesh's nodes stand apart. */
const CLOSE_ZOOM = 18;

/** One drawn node marker, as its attributes and style say. */
interface DrawnMarker {
  readonly id: number;
  readonly channel: string;
  readonly role: string;
  readonly blink: boolean;
  readonly width: number;
  readonly color: string;
  readonly looksLikeArea: boolean;
}

/** What the map draws now. */
interface Drawn {
  readonly markers: DrawnMarker[];
  readonly clusters: number[];
  /** The container's `data-drawn-markers`. */
  readonly counter: number;
}

async function drawn(page: Page): Promise<Drawn> {
  return page.evaluate(() => {
    const map = document.querySelector<HTMLElement>('[data-map-state]')!;
    const markers = Array.from(map.querySelectorAll<HTMLElement>('[data-node-id]')).map((el) => ({
      id: Number(el.dataset.nodeId),
      channel: el.dataset.channel ?? '',
      role: el.dataset.role ?? '',
      blink: el.dataset.blink === 'true',
      width: el.getBoundingClientRect().width,
      color: el.style.getPropertyValue('--node-color'),
      looksLikeArea: getComputedStyle(el).borderTopStyle === 'dashed',
    }));
    const clusters = Array.from(map.querySelectorAll<HTMLElement>('[data-cluster-count]')).map(
      (el) => Number(el.dataset.clusterCount),
    );
    return { markers, clusters, counter: Number(map.dataset.drawnMarkers) };
  });
}

/** How many nodes the drawing accounts for: single markers plus the clusters' counts. */
const accounted = (d: Drawn) => d.markers.length + d.clusters.reduce((a, b) => a + b, 0);

const viewQuery = (view: MapViewQuery) => `lat=${view.lat}&lng=${view.lng}&zoom=${view.zoom}`;
const nodeView = (node: PlacedNode, zoom = CLOSE_ZOOM): MapViewQuery => ({
  lat: node.lat / 1e7,
  lng: node.lon / 1e7,
  zoom,
});

/** Waits until the map has drawn its data. */
async function mapReady(page: Page): Promise<void> {
  await page.locator('[data-map-state="ready"]').waitFor(WAIT);
}

/** Waits until the page's live feed is connected (`<html data-live>`). */
async function liveConnected(page: Page): Promise<void> {
  await page.waitForFunction(
    () => ['stream', 'polling'].includes(document.documentElement.dataset.live ?? ''),
    undefined,
    WAIT,
  );
}

/** The map's query parameters as the address bar has them now. */
const addressQuery = (page: Page) => new URL(page.url()).searchParams;

/** A node marker of the map. */
const marker = (page: Page, num: number) =>
  page.locator(`[data-map-state] [data-node-id="${num}"]`);

/** The checks that read the database: run on each dialect. */
function mapDrawsTheMesh(dialect: DialectUnderTest): BrowserSite {
  const site = useBrowserSite(dialect, 'map', {
    site: { map_tile_urls: JSON.stringify([{ name: 'Topo', url: TOPO_URL }]) },
  });
  const placed = () => placedNodes(site.mesh.record);
  const overview = () => viewHolding(placed(), OVERVIEW_BOX.width, OVERVIEW_BOX.height);

  it('draws every node with a position as a marker or in a cluster, and clusters where they crowd', async () => {
    const nodes = placed();
    const { page, probe } = await site.open(`/map?${viewQuery(overview())}`);
    await mapReady(page);
    const d = await drawn(page);
    expect(accounted(d)).toBe(nodes.length);
    expect(d.counter).toBe(d.markers.length + d.clusters.length);
    expect(d.clusters.length).toBeGreaterThan(0);
    const ids = d.markers.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(nodes.map((n) => n.num)).toContain(id);

    // A click on a cluster zooms in to where it splits: more items, the same nodes.
    const before = d.markers.length + d.clusters.length;
    const zoom = Number(addressQuery(page).get('zoom'));
    await page.locator('[data-map-state] [data-cluster-count]').first().click();
    await expect.poll(() => Number(addressQuery(page).get('zoom')), WAIT).toBeGreaterThan(zoom);
    const after = await drawn(page);
    expect(after.markers.length + after.clusters.length).toBeGreaterThan(0);
    expect(after.markers.length).toBeGreaterThan(0);
    expect(accounted(after)).toBeLessThanOrEqual(nodes.length);
    expect(before).toBeGreaterThan(0);
    expectNoProblems(probe);
  });

  it('shows each node alone when zoomed in, coloured by channel, sized by role, reduced positions as their area', async () => {
    const nodes = placed();
    // One node of each channel, role and kind of precision: every way a marker can look.
    const kinds = new Map<string, PlacedNode>();
    for (const n of nodes) {
      const key = `${n.channel}|${n.role}|${n.precisionBits < 32}`;
      if (!kinds.has(key)) kinds.set(key, n);
    }
    expect([...kinds.values()].some((n) => n.precisionBits < 32)).toBe(true);
    const { context, probe } = await site.newContext();
    const page = await context.newPage();
    const colors = new Map<string, string>();
    for (const node of kinds.values()) {
      await page.goto(site.url(`/map?${viewQuery(nodeView(node))}`), { waitUntil: 'networkidle' });
      await mapReady(page);
      await marker(page, node.num).waitFor(WAIT);
      const m = (await drawn(page)).markers.find((x) => x.id === node.num)!;
      expect(m.channel).toBe(node.channel);
      expect(m.role).toBe(node.role);
      expect(m.width).toBeCloseTo(2 * expectedRadius(node.role), 0);
      expect(m.looksLikeArea).toBe(node.precisionBits < 32);
      // One colour per channel, and different channels never share one (fewer than 18).
      if (!colors.has(node.channel)) colors.set(node.channel, m.color);
      expect(m.color).toBe(colors.get(node.channel));

      const area = page.locator(`[data-precision-node-id="${node.num}"]`);
      if (node.precisionBits >= 32) {
        expect(await area.count()).toBe(0);
        continue;
      }
      expect(await area.getAttribute('data-precision-bits')).toBe(String(node.precisionBits));
      // The cell is 2^(32 − bits) × 1e-7 degrees wide: its width in pixels at this zoom.
      const degrees = 2 ** (32 - node.precisionBits) * 1e-7;
      const pixels = (degrees / 360) * 256 * 2 ** CLOSE_ZOOM;
      const box = await page.evaluate(
        (num) =>
          document.querySelector(`[data-precision-node-id="${num}"]`)!.getBoundingClientRect()
            .width,
        node.num,
      );
      // Cells wider than the window are cut by the map's renderer: at least the window, then.
      expect(box).toBeGreaterThanOrEqual(Math.min(pixels, VIEWPORTS.desktop.width / 2) - 2);
      if (pixels < 600) expect(Math.abs(box - pixels)).toBeLessThanOrEqual(3);
    }
    const shown = [...colors.values()];
    expect(new Set(shown).size).toBe(shown.length);
    expect(colors.size).toBe(Math.min(18, channelOrder(nodes).length + (colors.has('') ? 1 : 0)));
    expectNoProblems(probe);
  });

  it("opens a node's popup and draws its links: direction, kind, one-way", async () => {
    const nodes = placed();
    const where = new Map(nodes.map((n) => [n.num, n]));
    const answer = (await (await fetch(site.url('/api/edges'))).json()) as {
      edges: { from: number; to: number; type: 'traceroute' | 'neighbor' }[];
    };
    const drawable = answer.edges.filter((e) => where.has(e.from) && where.has(e.to));
    const pairs = new Set(drawable.map((e) => `${e.from}>${e.to}`));
    // The node whose links show the most: both kinds, one-way and two-way, many of them.
    const score = (num: number) => {
      const mine = drawable.filter((e) => e.from === num || e.to === num);
      const kinds = new Set(mine.map((e) => e.type)).size;
      const oneWay = mine.some((e) => !pairs.has(`${e.to}>${e.from}`));
      const twoWay = mine.some((e) => pairs.has(`${e.to}>${e.from}`));
      return kinds * 100 + (oneWay ? 50 : 0) + (twoWay ? 50 : 0) + mine.length;
    };
    const node = [...nodes].sort((a, b) => score(b.num) - score(a.num) || a.num - b.num)[0]!;
    const listed = site.mesh.record.nodes.find((n) => n.num === node.num);

    const { page, probe } = await site.open(`/map?${viewQuery(nodeView(node, 12))}`);
    await mapReady(page);
    await marker(page, node.num).click();
    const popup = page.locator('.leaflet-popup');
    await popup.waitFor(WAIT);
    if (listed && node.role !== '') {
      await expect
        .poll(() => popup.getByRole('link', { name: listed.longName }).count(), WAIT)
        .toBe(1);
    }
    for (const field of [t.channel!, t.hardware!, t.role!, t.mqtt_gateway!, t.last_seen!]) {
      expect(await popup.textContent()).toContain(field);
    }
    expect(await popup.textContent()).toContain(node.gateway ? t.yes! : t.no!);

    const mine = answer.edges.filter(
      (e) => (e.from === node.num || e.to === node.num) && e.from !== e.to,
    );
    const expected = mine
      .filter((e) => where.has(e.from) && where.has(e.to))
      .map((e) => ({
        from: e.from,
        to: e.to,
        type: e.type,
        oneway: !mine.some((r) => r.from === e.to && r.to === e.from),
      }))
      .sort((a, b) => a.from - b.from || a.to - b.to);
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-edge-from]').count(), WAIT).toBe(expected.length);
    const lines = await page.locator('[data-edge-from]').evaluateAll((paths) =>
      paths.map((p) => ({
        from: Number(p.getAttribute('data-edge-from')),
        to: Number(p.getAttribute('data-edge-to')),
        type: p.getAttribute('data-edge-type'),
        oneway: p.getAttribute('data-edge-oneway') === 'true',
        dashed: (p.getAttribute('stroke-dasharray') ?? 'none') !== 'none',
      })),
    );
    lines.sort((a, b) => a.from - b.from || a.to - b.to);
    expect(lines.map(({ dashed: _, ...l }) => l)).toEqual(expected);
    // One-way links are dashed, two-way ones are not; each line has its arrowhead.
    for (const line of lines) expect(line.dashed).toBe(line.oneway);
    expect(await page.locator('[data-edge-arrow]').count()).toBe(lines.length);
    for (const line of lines) {
      expect(await page.locator(`[data-edge-arrow="${line.from}>${line.to}"]`).count()).toBe(1);
    }

    // The record's neighbour reports that touch the node are drawn (as one kind or the other).
    const drawnPairs = new Set(lines.map((l) => `${l.from}>${l.to}`));
    const reported = [...neighborLinks(site.mesh.record)].filter((key) => {
      const [from, to] = key.split('>').map(Number) as [number, number];
      return (from === node.num || to === node.num) && where.has(from) && where.has(to);
    });
    for (const key of reported) expect(drawnPairs).toContain(key);

    // Escape closes the popup, takes the links away and gives focus back to the marker.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-edge-from]').count(), WAIT).toBe(0);
    // (The popup fades out before it goes.)
    await expect.poll(() => popup.count(), WAIT).toBe(0);
    expect(
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.nodeId),
    ).toBe(String(node.num));
    expectNoProblems(probe);
  });

  it('makes the sender of a packet stored after the page opened blink, with what it sent', async () => {
    const node = placed().find((n) => n.precisionBits === 32 && n.role !== '')!;
    const { page, probe } = await site.open(`/map?${viewQuery(nodeView(node))}`);
    await mapReady(page);
    await marker(page, node.num).waitFor(WAIT);
    await liveConnected(page);
    const text = `Map blink on ${dialect}: ${'a long message that goes on '.repeat(4)}end`;
    await storeTextMessage(site.site, { from: node.num, text });
    await page.locator(`[data-node-id="${node.num}"][data-blink="true"]`).waitFor(WAIT);
    const tip = page.locator('.map-activity-tip');
    await tip.waitFor(WAIT);
    const shown = (await tip.textContent())!;
    const name = site.mesh.record.nodes.find((n) => n.num === node.num)!.longName;
    expect(shown).toContain(name);
    expect(shown).toContain('TEXT_MESSAGE_APP');
    expect(shown).toContain(`${[...text].slice(0, 80).join('')}…`);
    expect(shown).not.toContain('end');
    expectNoProblems(probe);
  });

  it('lists a packet from a node without a position beside the map', async () => {
    const known = new Set(site.mesh.record.nodes.map((n) => n.num));
    let stranger = 0x7e57_0001;
    while (known.has(stranger)) stranger += 1;
    const { page, probe } = await site.open(`/map?${viewQuery(overview())}`);
    await mapReady(page);
    await liveConnected(page);
    const text = `from nowhere on ${dialect}`;
    await storeTextMessage(site.site, { from: stranger, text });
    const item = page.locator(`.map-unmapped [data-node-id="${stranger}"]`);
    await item.waitFor(WAIT);
    const shown = (await item.textContent())!;
    expect(shown).toContain(`!${stranger.toString(16).padStart(8, '0')}`);
    expect(shown).toContain(text);
    expect(await page.getByRole('heading', { name: t.unmapped_title! }).count()).toBe(1);
    expectNoProblems(probe);
  });

  return site;
}

describe.skipIf(chromiumSkipReason)(
  `the map, in Chromium${chromiumSkipReason ? ` (${chromiumSkipReason})` : ''}`,
  () => {
    const site = mapDrawsTheMesh('sqlite');
    const placed = () => placedNodes(site.mesh.record);
    const overview = () => viewHolding(placed(), OVERVIEW_BOX.width, OVERVIEW_BOX.height);

    it('pauses the live activity while its tab is hidden, and takes it up again', async () => {
      const { page, probe } = await site.open(`/map?${viewQuery(overview())}`);
      await mapReady(page);
      await liveConnected(page);
      const setVisibility = (state: 'hidden' | 'visible') =>
        page.evaluate((value) => {
          Object.defineProperty(document, 'visibilityState', { value, configurable: true });
          document.dispatchEvent(new Event('visibilitychange'));
        }, state);
      await setVisibility('hidden');
      await page.getByText(t.live_paused!).waitFor(WAIT);
      // The map was the tab's only subscriber: the tab left the live feed.
      await expect
        .poll(() => page.evaluate(() => document.documentElement.dataset.live ?? 'off'), WAIT)
        .toBe('off');
      await setVisibility('visible');
      await page.getByText(t.live_on!).waitFor(WAIT);
      await liveConnected(page);
      expectNoProblems(probe);
    });

    it('filters by channel, role and gateways, remembers the filters, and resets them', async () => {
      const nodes = placed();
      const { page, probe } = await site.open(`/map?${viewQuery(overview())}`);
      await mapReady(page);
      const count = async () => accounted(await drawn(page));
      expect(await count()).toBe(nodes.length);

      const channel = channelOrder(nodes)[0]!;
      await page.getByRole('checkbox', { name: new RegExp(`^${channel} \\(`) }).uncheck();
      await expect.poll(count, WAIT).toBe(nodes.filter((n) => n.channel !== channel).length);
      await page.getByLabel(t.role!).selectOption('ROUTER');
      await expect
        .poll(count, WAIT)
        .toBe(nodes.filter((n) => n.channel !== channel && n.role === 'ROUTER').length);
      await page.getByRole('checkbox', { name: t.gateways_only! }).check();
      const expected = nodes.filter(
        (n) => n.channel !== channel && n.role === 'ROUTER' && n.gateway,
      ).length;
      await expect.poll(count, WAIT).toBe(expected);

      // Remembered: the map without filters in its address comes back with them.
      await page.goto(site.url('/map'), { waitUntil: 'networkidle' });
      await mapReady(page);
      expect(await page.getByRole('checkbox', { name: t.gateways_only! }).isChecked()).toBe(true);
      expect(await page.getByLabel(t.role!).inputValue()).toBe('ROUTER');
      expect(
        await page.getByRole('checkbox', { name: new RegExp(`^${channel} \\(`) }).isChecked(),
      ).toBe(false);
      await page.goto(site.url(`/map?${viewQuery(overview())}&days=3`), {
        waitUntil: 'networkidle',
      });
      await mapReady(page);
      // An address with filters wins over what was remembered.
      expect(await count()).toBe(nodes.length);
      await page.goto(site.url(`/map?${viewQuery(overview())}`), { waitUntil: 'networkidle' });
      await mapReady(page);
      expect(await count()).toBe(nodes.length);
      expect(await page.getByRole('button', { name: t.reset! }).isDisabled()).toBe(true);
      expectNoProblems(probe);
    });

    it('reset brings every node back and forgets the filters', async () => {
      const nodes = placed();
      const { page, probe } = await site.open(`/map?${viewQuery(overview())}&gateways=1`);
      await mapReady(page);
      const count = async () => accounted(await drawn(page));
      await expect.poll(count, WAIT).toBe(nodes.filter((n) => n.gateway).length);
      await page.getByRole('button', { name: t.reset! }).click();
      await expect.poll(count, WAIT).toBe(nodes.length);
      await page.goto(site.url('/map'), { waitUntil: 'networkidle' });
      await mapReady(page);
      expect(await page.getByRole('checkbox', { name: t.gateways_only! }).isChecked()).toBe(false);
      expectNoProblems(probe);
    });

    it('opens the view an address gives, keeps it in the address, and Share view gives that link', async () => {
      const nodes = placed();
      const channel = channelOrder(nodes).at(-1)!;
      const view = { ...overview(), zoom: overview().zoom + 1 };
      const query = `${viewQuery(view)}&role=ROUTER&hide_channel=${encodeURIComponent(channel)}`;
      const { page, probe } = await site.open(`/map?${query}`);
      await mapReady(page);
      const address = addressQuery(page);
      expect(Number(address.get('lat'))).toBeCloseTo(view.lat, 5);
      expect(Number(address.get('lng'))).toBeCloseTo(view.lng, 5);
      expect(Number(address.get('zoom'))).toBe(view.zoom);
      expect(address.get('role')).toBe('ROUTER');
      expect(address.getAll('hide_channel')).toEqual([channel]);
      expect(await page.getByLabel(t.role!).inputValue()).toBe('ROUTER');
      const before = await drawn(page);

      await page.getByRole('button', { name: t.share! }).click();
      const link = await page.getByLabel(t.share_url!).inputValue();
      expect(link).toBe(page.url());

      // The link opens the same view and filters in a fresh browser.
      const again = await site.newContext();
      const other = await again.context.newPage();
      await other.goto(link, { waitUntil: 'networkidle' });
      await mapReady(other);
      expect(other.url()).toBe(link);
      const after = await drawn(other);
      expect(after.markers.map((m) => m.id).sort()).toEqual(before.markers.map((m) => m.id).sort());
      expect(after.clusters.sort()).toEqual(before.clusters.sort());
      expectNoProblems(probe);
      expectNoProblems(again.probe);
    });

    it('draws the outline of the world when no tile can load, says so, and every node still', async () => {
      const nodes = placed();
      const { context, probe } = await site.newContext();
      // Registered after the probe's stub, so it runs first: the tile server is unreachable.
      await context.route(
        (url) => url.host === TILE_HOST,
        (route) => route.abort('connectionrefused'),
      );
      const page = await context.newPage();
      await page.goto(site.url(`/map?${viewQuery(overview())}`), { waitUntil: 'networkidle' });
      await mapReady(page);
      const map = page.locator('[data-map-state]');
      await page.locator('[data-map-state][data-world-outline="drawn"]').waitFor(WAIT);
      expect(await map.getAttribute('data-tiles')).toBe('failed');
      await page
        .getByRole('status')
        .filter({ hasText: en.basemap!.tiles_unavailable! })
        .waitFor(WAIT);
      expect(await page.locator('path.base-map-land').count()).toBeGreaterThan(0);
      expect(await page.locator('path.base-map-borders').count()).toBeGreaterThan(0);
      expect(accounted(await drawn(page))).toBe(nodes.length);
      await saveScreenshot(page, 'map-offline', 'desktop', 'light', { fullPage: false });
      expectNoProblems(probe, { allow: TILE_FAILURES });
    });

    it('offers the base maps of [site] map_tile_urls and remembers the choice', async () => {
      const { page, probe } = await site.open(`/map?${viewQuery(overview())}`);
      await mapReady(page);
      const chooser = page.getByLabel(en.basemap!.chooser!);
      await chooser.selectOption({ label: 'Topo' });
      // The probe records every tile request, also those sent before this line runs.
      await expect
        .poll(() => probe.tileRequests.some((u) => u.startsWith(`http://${TILE_HOST}/topo/`)), WAIT)
        .toBe(true);
      await page.reload({ waitUntil: 'networkidle' });
      await mapReady(page);
      expect(await page.getByLabel(en.basemap!.chooser!).inputValue()).toBe(TOPO_URL);
      expectNoProblems(probe);
    });

    it('reaches every control with Tab', async () => {
      const { page, probe } = await site.open(`/map?${viewQuery(overview())}`);
      await mapReady(page);
      const walk = await tabThroughPage(page);
      expect(walk.missed).toEqual([]);
      expect(walk.focusable.length).toBeGreaterThan(5);
      // The markers are in the Tab order, and Enter opens a popup.
      const first = page.locator('[data-map-state] [data-node-id]').first();
      const num = await first.getAttribute('data-node-id');
      await first.focus();
      await page.keyboard.press('Enter');
      await page.locator('.leaflet-popup').waitFor(WAIT);
      // Focus is in the popup; Escape closes it and comes back to the marker.
      await expect
        .poll(() => page.evaluate(() => !!document.activeElement?.closest('.leaflet-popup')), WAIT)
        .toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('.leaflet-popup').count(), WAIT).toBe(0);
      // What has focus, named well enough to tell where it went when it is not the marker.
      const focused = () =>
        page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return el?.dataset.nodeId ?? `${el?.tagName ?? 'nothing'}.${el?.className ?? ''}`;
        });
      expect(await focused()).toBe(num);
      // Closed with its × button from the keyboard, the popup gives focus back the same way.
      await page.keyboard.press('Enter');
      await page.locator('.leaflet-popup').waitFor(WAIT);
      await page.locator('.leaflet-popup-close-button').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('.leaflet-popup').count(), WAIT).toBe(0);
      expect(await focused()).toBe(num);
      expectNoProblems(probe);
    });

    for (const theme of THEMES) {
      for (const viewport of VIEWPORT_NAMES) {
        it(`looks right at ${viewport} width in ${theme}`, async () => {
          const { page, probe } = await site.open('/map', { viewport, theme });
          await mapReady(page);
          expect(await sidewaysOverflow(page)).toBe(0);
          await expectAccessible(page, `map, ${viewport}, ${theme}`);
          await saveScreenshot(page, 'map', viewport, theme, { fullPage: false });
          // A node's popup with its links.
          const node = placed().find((n) => n.role === 'ROUTER')!;
          await page.goto(site.url(`/map?${viewQuery(nodeView(node, 11))}`), {
            waitUntil: 'networkidle',
          });
          await mapReady(page);
          await marker(page, node.num).click();
          await page.locator('.leaflet-popup').waitFor(WAIT);
          await probe.networkQuiet();
          await expectAccessible(page, `map with a popup, ${viewport}, ${theme}`);
          await saveScreenshot(page, 'map-popup', viewport, theme, { fullPage: false });
          expectNoProblems(probe);
        });
      }
    }

    describe('the kiosk', () => {
      it('shows only the live map, full-screen, with every node', async () => {
        const nodes = placed();
        const { page, probe, response } = await site.open(`/kiosk?${viewQuery(overview())}`);
        expect(response?.status()).toBe(200);
        await mapReady(page);
        expect(await page.locator('header, nav, footer').count()).toBe(0);
        expect(await page.getByRole('main').count()).toBe(1);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
          t.kiosk_title!,
        );
        const box = (await page.locator('[data-map-state]').boundingBox())!;
        expect(box.width).toBe(VIEWPORTS.desktop.width);
        expect(box.height).toBe(VIEWPORTS.desktop.height);
        expect(accounted(await drawn(page))).toBe(nodes.length);
        expect(await sidewaysOverflow(page)).toBe(0);
        expectNoProblems(probe);
      });

      it('makes senders blink', async () => {
        const node = placed().find((n) => n.precisionBits === 32 && n.role !== '')!;
        const { page, probe } = await site.open(`/kiosk?${viewQuery(nodeView(node))}`);
        await mapReady(page);
        await liveConnected(page);
        await storeTextMessage(site.site, { from: node.num, text: 'kiosk blink' });
        await page.locator(`[data-node-id="${node.num}"][data-blink="true"]`).waitFor(WAIT);
        expectNoProblems(probe);
      });

      for (const theme of THEMES) {
        for (const viewport of VIEWPORT_NAMES) {
          it(`looks right at ${viewport} width in ${theme}`, async () => {
            const { page, probe } = await site.open('/kiosk', { viewport, theme });
            await mapReady(page);
            expect(await sidewaysOverflow(page)).toBe(0);
            await expectAccessible(page, `kiosk, ${viewport}, ${theme}`);
            await saveScreenshot(page, 'kiosk', viewport, theme, { fullPage: false });
            expectNoProblems(probe);
          });
        }
      }
    });
  },
);

/** How many nodes the big mesh adds. */
const MANY = 10_000;

/**
 * 10,000 more nodes seen in the last hours, spread over the Bay Area on a jittered grid, in
 * three channels, every tenth a router, every fifth with 14-bit precision.
 */
async function manyPlacedNodes(db: Kysely<Database>): Promise<void> {
  const nowUs = Date.now() * 1000;
  const rows = Array.from({ length: MANY }, (_, i) => {
    const num = 0x30000000 + i;
    // A grid of 100 × 100 over 2.4° × 1.6°, each point moved by a fixed pseudo-random amount.
    const jitter = (k: number) => (((i * 2654435761 + k * 40503) >>> 0) % 1000) / 1000 - 0.5;
    return {
      id: `!${num.toString(16).padStart(8, '0')}`,
      node_id: num,
      long_name: `Bulk node ${i}`,
      short_name: `B${i % 1000}`,
      hw_model: 'RAK4631',
      firmware: '2.5.0',
      role: i % 10 === 0 ? 'ROUTER' : 'CLIENT',
      last_lat: Math.round((36.4 + (Math.floor(i / 100) + jitter(1)) * 0.024) * 1e7),
      last_long: Math.round((-122.9 + ((i % 100) + jitter(2)) * 0.016) * 1e7),
      channel: ['LongFast', 'MediumFast', 'Hikers'][i % 3]!,
      is_mqtt_gateway: i % 7 === 0,
      first_seen_us: nowUs - 86_400_000_000,
      last_seen_us: nowUs - (i % 100) * 60_000_000,
      precision_bits: i % 5 === 0 ? 14 : 32,
    };
  });
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('node')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

describe.skipIf(chromiumSkipReason)(
  `the map of a big mesh, in Chromium${chromiumSkipReason ? ` (${chromiumSkipReason})` : ''}`,
  () => {
    const site = useBrowserSite('sqlite', 'map_many', { seed: manyPlacedNodes });

    it('accounts for all 10,000 nodes and draws only a few hundred elements, zoomed out or in', async () => {
      const total = placedNodes(site.mesh.record).length + MANY;
      const { page, probe } = await site.open('/map');
      await mapReady(page);
      // The site's bounds (MeshView's default, the Bay Area) hold every node.
      const d = await drawn(page);
      expect(accounted(d)).toBe(total);
      expect(d.counter).toBeGreaterThan(0);
      expect(d.counter).toBeLessThan(500);

      // Zoomed in on the middle: what is drawn is a part, still a few hundred at most.
      const box = (await page.locator('[data-map-state]').boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      for (let i = 0; i < 3; i++) {
        const zoom = Number(addressQuery(page).get('zoom'));
        await page.mouse.wheel(0, -200);
        await expect.poll(() => Number(addressQuery(page).get('zoom')), WAIT).toBeGreaterThan(zoom);
      }
      const near = await drawn(page);
      expect(near.markers.length).toBeGreaterThan(0);
      expect(near.counter).toBeLessThan(500);
      expect(accounted(near)).toBeLessThan(total);
      expectNoProblems(probe);
    });
  },
);

const pgSkip = chromiumSkipReason ?? pgSkipReason;

describe.skipIf(pgSkip)(`the map on PostgreSQL${pgSkip ? ` (${pgSkip})` : ''}`, () => {
  mapDrawsTheMesh('postgres');
});
