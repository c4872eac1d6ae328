/**
 * The node page in a real browser against the real reader: what it shows is what the simulated
 * mesh's record says was sent (names, counts, packet ids, chart series), never what the API
 * answered. Expected values come from support/node-page-expectations.ts, which applies the API's
 * documented rules (windows, limits, what counts as direct) to the record.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { useBrowserSite } from './support/browser-site.js';
import { chromiumSkipReason } from './support/chromium.js';
import { tabThroughPage } from './support/keyboard.js';
import { THEMES, VIEWPORT_NAMES } from './support/looks.js';
import {
  dayCounts,
  gatewayExpectations,
  neighborPoints,
  rarestPort,
  richNode,
  sentBy,
  tablePacketIds,
  telemetryPoints,
  twoKeyNode,
  windowStartUs,
} from './support/node-page-expectations.js';
import { expectNoProblems } from './support/page-probe.js';
import { saveScreenshot } from './support/screenshot.js';
import { translations } from './support/translations.js';

const en = translations('en');
const node = en.node!;
const DAY_US = 86_400_000_000;
/** How many packets the table's first page asks for (apps/web's `PACKETS_PAGE`). */
const PACKETS_PAGE = 100;
/** How long a check waits for the page's data (a loaded machine is slow; no timing is asserted). */
const WAIT = { timeout: 20_000 };

/** One series of a chart as the page exposes it (`data-series` on its figure). */
interface Series {
  name: string;
  points: [number | string, number | null][];
}

/** A chart's series, once the page has drawn it. */
async function chartSeries(page: Page, name: string): Promise<Series[]> {
  const figure = page.locator(`[data-chart="${name}"]`);
  await figure.waitFor(WAIT);
  return JSON.parse((await figure.getAttribute('data-series'))!) as Series[];
}

/** The value next to a term of the details list. */
async function detail(page: Page, term: string): Promise<string> {
  const row = page
    .locator('.node-info dl > div')
    .filter({ has: page.getByText(term, { exact: true }) });
  return (await row.locator('dd').textContent())!.trim();
}

/** The packet ids of the packets table's rows, in the table's order. */
async function tableIds(page: Page): Promise<number[]> {
  return page
    .locator('[data-table="packets"] tbody tr[data-packet-id]')
    .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-packet-id'))));
}

describe.skipIf(chromiumSkipReason)(
  `the node page, in Chromium${chromiumSkipReason ? ` (${chromiumSkipReason})` : ''}`,
  () => {
    const site = useBrowserSite('sqlite', 'node_page');
    /** The node with telemetry, neighbours and positions; the one with two keys. */
    const rich = () => richNode(site.mesh.record);
    const twoKeys = () => twoKeyNode(site.mesh.record);

    /**
     * The last-day counts the page may show: the reader measures its window from its own clock,
     * somewhere between the generator's `nowUs` and now, rounded down to the hour.
     */
    const dayCountChoices = (num: number) =>
      [site.mesh.nowUs, Date.now() * 1000].map((nowUs) =>
        dayCounts(site.mesh.record, num, windowStartUs(nowUs, 24)),
      );

    it('shows the details of the node with two keys, the impersonation warning and its last day', async () => {
      const sim = twoKeys();
      const { page, probe } = await site.open(`/node/${sim.num}`);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT)
        .toContain(sim.longName);
      expect(await page.locator('.node-ids').textContent()).toContain(sim.id);
      expect(await detail(page, node.long_name!)).toBe(sim.longName);
      expect(await detail(page, node.short_name!)).toBe(sim.shortName);
      expect(await detail(page, node.channel!)).toBe(sim.channel);
      expect(await detail(page, node.role!)).toBe(sim.role);
      expect(await detail(page, node.hardware!)).toBe(sim.hwModel);
      // The record has it announce two public keys.
      await page
        .getByRole('alert')
        .getByRole('heading', { name: node.impersonation_title })
        .waitFor(WAIT);

      const choices = dayCountChoices(sim.num);
      await expect
        .poll(() => detail(page, node.sent_24h!), WAIT)
        .toBeOneOf(choices.map((c) => c.sent.toLocaleString('en')));
      await expect
        .poll(() => detail(page, node.seen_24h!), WAIT)
        .toBeOneOf(choices.map((c) => c.seen.toLocaleString('en')));
      await expect
        .poll(() => detail(page, node.to_it_24h!), WAIT)
        .toBeOneOf(choices.map((c) => c.toIt.toLocaleString('en')));
      expectNoProblems(probe);
    });

    it('shows where a node last was, and no warning for a node with one key', async () => {
      const sim = rich();
      const { page, probe } = await site.open(`/node/${sim.num}`);
      await page.getByRole('heading', { level: 1, name: new RegExp(sim.longName) }).waitFor(WAIT);
      const last = sim.positions.at(-1)!;
      const degrees = (i: number) => (i / 1e7).toLocaleString('en', { maximumFractionDigits: 5 });
      expect(await detail(page, node.position!)).toBe(
        `${degrees(last.latitudeI)}, ${degrees(last.longitudeI)}`,
      );
      const choices = dayCountChoices(sim.num);
      await expect
        .poll(() => detail(page, node.sent_24h!), WAIT)
        .toBeOneOf(choices.map((c) => c.sent.toLocaleString('en')));
      expect(await page.getByRole('heading', { name: node.impersonation_title }).count()).toBe(0);
      expectNoProblems(probe);
    });

    it('charts the telemetry a node sent, in time order', async () => {
      const sim = rich();
      const expected = telemetryPoints(site.mesh.record, sim.num);
      const { page, probe } = await site.open(`/node/${sim.num}`);
      const charts = [
        ['battery', [expected.battery, expected.voltage]],
        ['utilization', [expected.channelUtilization, expected.airUtilTx]],
        ['temperature', [expected.temperature]],
        ['humidity', [expected.humidity]],
        ['pressure', [expected.pressure]],
      ] as const;
      for (const [chart, series] of charts) {
        expect(series[0].length, `${chart}: the record has points`).toBeGreaterThan(0);
        const shown = await chartSeries(page, chart);
        expect(
          shown.map((s) => s.points),
          chart,
        ).toEqual(series);
      }
      expectNoProblems(probe);
    });

    it('gives no environment charts for a node that sends none', async () => {
      const sim = site.mesh.record.nodes.find(
        (n) =>
          n.keyKind !== 'unknown' &&
          n.telemetry.some((t) => t.kind === 'device') &&
          !n.telemetry.some((t) => t.kind === 'environment'),
      )!;
      const { page, probe } = await site.open(`/node/${sim.num}`);
      const [battery] = await chartSeries(page, 'battery');
      expect(battery!.points).toEqual(telemetryPoints(site.mesh.record, sim.num).battery);
      expect(await page.locator('[data-chart="temperature"]').count()).toBe(0);
      expectNoProblems(probe);
    });

    it("charts the SNR of a node's neighbours, named", async () => {
      const sim = rich();
      const expected = neighborPoints(site.mesh.record, sim.num);
      expect(expected.length).toBeGreaterThan(0);
      const { page, probe } = await site.open(`/node/${sim.num}`);
      await expect
        .poll(
          async () => (await chartSeries(page, 'neighbor-snr')).map((s) => [s.name, s.points]),
          WAIT,
        )
        .toEqual(expected);
      expectNoProblems(probe);
    });

    it('stacks its packets per day by port to the number it sent', async () => {
      const sim = rich();
      const { page, probe } = await site.open(`/node/${sim.num}`);
      const series = await chartSeries(page, 'packets-per-day');
      const total = series.flatMap((s) => s.points).reduce((sum, [, y]) => sum + (y ?? 0), 0);
      expect(total).toBe(sentBy(site.mesh.record, sim.num).length);
      expectNoProblems(probe);
    });

    it('lists the gateways that heard it with their receptions and direct ones', async () => {
      const sim = rich();
      const expected = gatewayExpectations(site.mesh.record, sim.num, site.mesh.nowUs - 7 * DAY_US);
      expect(expected.length).toBeGreaterThan(1);
      const { page, probe } = await site.open(`/node/${sim.num}`);
      const table = page.locator('[data-table="gateways"]');
      await table.waitFor(WAIT);
      const rows = table.locator('tbody tr');
      await expect
        .poll(() => rows.evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.nodeId))), WAIT)
        .toEqual(expected.map((g) => g.gateway));
      for (const gateway of expected) {
        const row = table.locator(`tr[data-node-id="${gateway.gateway}"]`);
        expect(await row.getByRole('link', { name: gateway.name }).getAttribute('href')).toMatch(
          new RegExp(`/node/${gateway.gateway}$`),
        );
        const cells = await row.locator('td').allTextContents();
        expect(cells.slice(0, 2)).toEqual([
          gateway.receptions.toLocaleString('en'),
          gateway.direct.length.toLocaleString('en'),
        ]);
      }
      // One SNR series per gateway that heard it directly, its reports in time order.
      const snr = await chartSeries(page, 'direct-snr');
      expect(snr.map((s) => [s.name, s.points])).toEqual(
        expected
          .filter((g) => g.direct.length > 0)
          .sort((a, b) => a.direct[0]!.importUs - b.direct[0]!.importUs)
          .map((g) => [g.name, g.direct.map((r) => [r.importUs / 1000, r.rxSnr + 0])]),
      );
      expectNoProblems(probe);
    });

    it('lists the packets it sent or received, newest first, and filters them by port', async () => {
      const sim = rich();
      const { record } = site.mesh;
      const { page, probe } = await site.open(`/node/${sim.num}`);
      await expect
        .poll(() => tableIds(page), WAIT)
        .toEqual(tablePacketIds(record, sim.num, PACKETS_PAGE));

      const port = rarestPort(record, sim.num);
      await page.getByLabel(node.port!, { exact: true }).selectOption(String(port));
      const filtered = tablePacketIds(record, sim.num, PACKETS_PAGE, port);
      expect(filtered.length).toBeGreaterThan(0);
      expect(filtered.length).toBeLessThan(tablePacketIds(record, sim.num, Infinity).length);
      await expect.poll(() => tableIds(page), WAIT).toEqual(filtered);
      expect(new URL(page.url()).searchParams.get('port')).toBe(String(port));
      expectNoProblems(probe);
    });

    it('enlarges a chart in a dialog that Escape closes, focus returning to its button', async () => {
      const { page, probe } = await site.open(`/node/${rich().num}`);
      const enlarge = page.getByRole('button', {
        name: node.chart_enlarge_named!.replace('{title}', node.chart_battery!),
      });
      await enlarge.waitFor(WAIT);
      await enlarge.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: node.chart_battery });
      await dialog.waitFor();
      await dialog.locator('[role="img"] svg').waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(await enlarge.evaluate((button) => button === document.activeElement)).toBe(true);
      expectNoProblems(probe);
    });

    it('says so for a node the mesh never heard', async () => {
      const unheard = [12345, 1, 2, 3].find(
        (n) => !site.mesh.record.nodes.some((s) => s.num === n),
      )!;
      const { page, probe } = await site.open(`/node/${unheard}`);
      await page.getByRole('heading', { level: 1, name: node.no_such_node }).waitFor(WAIT);
      expectNoProblems(probe);
    });

    for (const theme of THEMES) {
      for (const [label, pick] of [
        ['node-warning', twoKeys],
        ['node', rich],
      ] as const) {
        it(`passes axe and Tab reaches every control on the ${label} page, with its charts and tables, in ${theme} at both widths`, async () => {
          for (const viewport of VIEWPORT_NAMES) {
            const { page, probe } = await site.open(`/node/${pick().num}`, { viewport, theme });
            await page.locator('[data-chart="battery"] [role="img"] svg').waitFor(WAIT);
            await page
              .locator('[data-table="packets"] tbody tr[data-packet-id]')
              .first()
              .waitFor(WAIT);
            await expectAccessible(page, `${label} page (${viewport}, ${theme})`);
            await saveScreenshot(page, label, viewport, theme);
            const walk = await tabThroughPage(page);
            expect(walk.missed, `${label}: not reached by Tab at ${viewport} width`).toEqual([]);
            expectNoProblems(probe);
          }
          // Four page loads and a Tab walk past a hundred packet rows on a shared machine.
        }, 300_000);
      }
    }
  },
);
