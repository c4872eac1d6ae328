/**
 * The stats page in a real browser, on the simulated mesh (plus three daily snapshots taken by
 * the writer's job): the default channel is the busiest of the last 24 hours by the generator's
 * record; every chart, card and breakdown shows what the API answers for the same window and
 * channel; the channel and range pickers, the enlarged view and the CSV; Spanish; and the looks
 * (axe, Tab, no sideways scrolling, screenshots) in both themes at both widths.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type {
  NodesResponse,
  SnapshotsResponse,
  StatsCountResponse,
  StatsResponse,
} from '@meshview/api';
import { portName } from '@meshview/mesh/facts';
import { expectAccessible } from './support/axe.js';
import { useBrowserSite } from './support/browser-site.js';
import { chromiumSkipReason } from './support/chromium.js';
import { tabThroughPage } from './support/keyboard.js';
import { sidewaysOverflow, THEMES, VIEWPORT_NAMES } from './support/looks.js';
import { expectNoProblems } from './support/page-probe.js';
import {
  apiJson,
  breakdown,
  busiestChannelOf,
  chartSeries,
  saveFullPage,
  takeSiteSnapshots,
} from './support/stats-expectations.js';
import { translations } from './support/translations.js';

const en = translations('en').stats!;
const es = translations('es').stats!;
const WAIT = { timeout: 30_000 };

const channelPicker = (page: Page) => page.locator('select[name="channel"]');

describe.skipIf(chromiumSkipReason)(
  `the stats page${chromiumSkipReason ? ` (${chromiumSkipReason})` : ''}`,
  () => {
    const site = useBrowserSite('sqlite', 'stats', { seed: takeSiteSnapshots });
    const api = <T>(path: string) => apiJson<T>(site.url(path));
    const channelQuery = (channel: string | undefined) =>
      channel === undefined ? '' : `&channel=${encodeURIComponent(channel)}`;

    /** Every traffic chart against `/api/stats` for `channel` (`undefined`: all). */
    async function expectTrafficCharts(page: Page, channel: string | undefined, busy = true) {
      const c = channelQuery(channel);
      const types = await api<StatsResponse>(
        `/api/stats?period_type=hour&length=24&group_by=portnum${c}`,
      );
      const byPort = new Map<string, number>();
      for (const b of types.data) {
        const label = b.portnum! < 0 ? en.port_unknown! : portName(b.portnum!).replace(/_APP$/, '');
        byPort.set(label, (byPort.get(label) ?? 0) + b.count);
      }
      if (busy) expect(byPort.size).toBeGreaterThan(1);
      // The page may still be drawing the previous channel's answer: poll until it shows this one.
      const typesShown = async () => (await chartSeries(page, 'packet-types'))[0]!.points;
      await expect
        .poll(async () => new Map((await typesShown()) as [string, number][]), WAIT)
        .toEqual(byPort);
      const shownTypes = await typesShown();
      // Most packets first.
      const counts = shownTypes.map(([, y]) => y!);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));

      for (const [chart, query] of [
        ['messages-per-day', 'period_type=day&length=14&portnum=1'],
        ['packets-per-hour', 'period_type=hour&length=24'],
        ['text-per-hour', 'period_type=hour&length=24&portnum=1'],
      ] as const) {
        const answer = await api<StatsResponse>(`/api/stats?${query}${c}`);
        if (busy) expect(answer.data.length, chart).toBeGreaterThan(0);
        if (answer.data.length === 0) {
          // An empty chart says so instead of drawing nothing.
          await page.locator(`[data-chart="${chart}"] .chart-empty`).waitFor(WAIT);
          continue;
        }
        await expect
          .poll(async () => (await chartSeries(page, chart))[0]!.points, WAIT)
          .toEqual(answer.data.map((b) => [b.period, b.count]));
      }
    }

    it('shows the busiest channel of the last 24 hours by default, then any channel or all', async () => {
      const { channel, counts } = busiestChannelOf(site.mesh.record, Date.now());
      // Several channels had traffic, so the default is a choice, not the only option.
      expect(counts.size, JSON.stringify([...counts])).toBeGreaterThan(1);
      const { page, probe } = await site.open('/stats');
      await expect.poll(() => channelPicker(page).inputValue(), WAIT).toBe(channel);
      await page.locator('[data-chart="packets-per-hour"]').waitFor(WAIT);
      await probe.networkQuiet();
      await expectTrafficCharts(page, channel);

      // Every channel: the URL says so and the charts follow.
      await channelPicker(page).selectOption('*');
      await expect.poll(() => new URL(page.url()).searchParams.get('channel')).toBe('*');
      await probe.networkQuiet();
      await expectTrafficCharts(page, undefined);

      // Another channel, kept in the URL across a reload.
      const other = [...counts.keys()].find((c) => c !== channel)!;
      await channelPicker(page).selectOption(other);
      await probe.networkQuiet();
      await expectTrafficCharts(page, other, false);
      await page.reload({ waitUntil: 'networkidle' });
      expect(await channelPicker(page).inputValue()).toBe(other);
      await expectTrafficCharts(page, other, false);
      expectNoProblems(probe);
    });

    it('shows the totals and the breakdowns of /api/nodes and /api/stats/count', async () => {
      const { page, probe } = await site.open('/stats');
      await page.locator('[data-chart="gateways-by-firmware"]').waitFor(WAIT);
      const [nodes, count] = await Promise.all([
        api<NodesResponse>('/api/nodes'),
        api<StatsCountResponse>('/api/stats/count'),
      ]);
      const gateways = nodes.nodes.filter((n) => n.is_mqtt_gateway === true);
      expect(gateways.length).toBeGreaterThan(0);
      const card = (key: string) => page.locator(`[data-card="${key}"] dd`).innerText();
      expect(await card('nodes')).toBe(nodes.nodes.length.toLocaleString('en'));
      expect(await card('packets')).toBe(count.total_packets.toLocaleString('en'));
      expect(await card('receptions')).toBe(count.total_seen.toLocaleString('en'));
      expect(await card('gateways')).toBe(gateways.length.toLocaleString('en'));

      for (const [chart, list, key] of [
        ['nodes-by-hardware', nodes.nodes, 'hw_model'],
        ['nodes-by-role', nodes.nodes, 'role'],
        ['nodes-by-channel', nodes.nodes, 'channel'],
        ['gateways-by-channel', gateways, 'channel'],
        ['gateways-by-role', gateways, 'role'],
        ['gateways-by-firmware', gateways, 'firmware'],
      ] as const) {
        const expected = breakdown(list, key, en.unknown!);
        const shown = (await chartSeries(page, chart))[0]!.points as [string, number][];
        expect(
          [...shown].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
          chart,
        ).toEqual(expected);
        // Most first.
        expect(shown.map(([, n]) => n)).toEqual(shown.map(([, n]) => n).sort((a, b) => b - a));
      }
      expect(new Set(nodes.nodes.map((n) => n.role)).size).toBeGreaterThan(1);
      expectNoProblems(probe);
    });

    it('charts the daily snapshots over the chosen range, kept in the URL', async () => {
      const { page, probe } = await site.open('/stats');
      const expectSnapshots = async (length: number | undefined) => {
        const answer = await api<SnapshotsResponse>(
          `/api/snapshots/daily${length === undefined ? '' : `?length=${length}`}`,
        );
        await expect
          .poll(async () => (await chartSeries(page, 'snapshot-packets'))[0]!.points, WAIT)
          .toEqual(answer.data.map((d) => [d.date, d.packet_count]));
        await expect
          .poll(async () => (await chartSeries(page, 'snapshot-nodes')).map((s) => s.points), WAIT)
          .toEqual([
            answer.data.map((d) => [d.date, d.node_count]),
            answer.data.map((d) => [d.date, d.gateway_count]),
          ]);
        return answer.data.length;
      };
      await page.locator('[data-chart="snapshot-packets"]').waitFor(WAIT);
      expect(await expectSnapshots(30)).toBe(3);
      await page.locator('select[name="days"]').selectOption('7');
      await expect.poll(() => new URL(page.url()).searchParams.get('days')).toBe('7');
      await probe.networkQuiet();
      await expectSnapshots(7);
      await page.locator('select[name="days"]').selectOption('all');
      await probe.networkQuiet();
      await expectSnapshots(undefined);
      expectNoProblems(probe);
    });

    it('enlarges every chart in a dialog and downloads its figures as CSV', async () => {
      const { page, probe } = await site.open('/stats');
      await page.locator('[data-chart="gateways-by-firmware"]').waitFor(WAIT);
      await page.locator('[data-chart="packet-types"] [role="img"] svg').waitFor(WAIT);
      await page.locator('[data-chart="snapshot-nodes"] [role="img"] svg').waitFor(WAIT);
      const figures = page.locator('figure[data-chart]');
      // Snapshots (2), traffic (4), breakdowns (6).
      expect(await figures.count()).toBe(12);
      for (const figure of await figures.all()) {
        const name = await figure.getAttribute('data-chart');
        expect(await figure.getByRole('button').count(), name!).toBe(2);
      }
      const figure = page.locator('[data-chart="packets-per-hour"]');
      await figure.getByRole('button', { name: /^Enlarge/ }).click();
      const dialog = figure.locator('dialog');
      await dialog.locator('[role="img"] svg').waitFor(WAIT);
      expect(await dialog.isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.isVisible()).toBe(false);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        figure.getByRole('button', { name: /CSV/ }).click(),
      ]);
      const text = readFileSync(await download.path(), 'utf8');
      const series = (await chartSeries(page, 'packets-per-hour'))[0]!;
      const lines = text.trim().split(/\r?\n/);
      expect(lines.length).toBeGreaterThan(series.points.length);
      const total = series.points.reduce((n, [, y]) => n + (y ?? 0), 0);
      const csvTotal = lines
        .slice(1)
        .map((line) => Number(line.split(',').at(-1) || 0))
        .reduce((n, y) => n + y, 0);
      expect(csvTotal).toBe(total);
      expectNoProblems(probe);
    });

    it('speaks Spanish', async () => {
      const { page, probe } = await site.open('/stats');
      await page.getByRole('banner').getByRole('combobox').selectOption('es');
      await page.getByRole('heading', { level: 1, name: es.title! }).waitFor(WAIT);
      await page.getByRole('heading', { level: 2, name: es.traffic_title! }).waitFor(WAIT);
      await page.locator('[data-chart="packet-types"]').waitFor(WAIT);
      expect(await page.getByRole('heading', { name: es.packet_types! }).count()).toBe(1);
      expect(await page.locator('html').getAttribute('lang')).toBe('es');
      expectNoProblems(probe);
    });

    for (const theme of THEMES) {
      it(`passes axe, Tab reaches every control, nothing scrolls sideways, in ${theme} at both widths`, async () => {
        for (const viewport of VIEWPORT_NAMES) {
          const { page, probe } = await site.open('/stats', { viewport, theme });
          await page.locator('[data-chart="gateways-by-firmware"] [role="img"] svg').waitFor(WAIT);
          await page.locator('[data-chart="packet-types"] [role="img"] svg').waitFor(WAIT);
          await expectAccessible(page, `stats page (${viewport}, ${theme})`);
          expect(await sidewaysOverflow(page), `${viewport} ${theme}`).toBe(0);
          await saveFullPage(page, 'stats', viewport, theme);
          const walk = await tabThroughPage(page);
          expect(walk.missed, `not reached by Tab at ${viewport} width`).toEqual([]);
          expectNoProblems(probe);
        }
      }, 240_000);
    }
  },
);
