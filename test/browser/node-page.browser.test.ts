/**
 * The node page in a real browser against the real reader: what it shows is what the simulated
 * mesh's record says was sent (names, counts, packet ids, chart series), never what the API
 * answered. The record's envelopes carry each packet's id, sender, recipient, gateway and hops in
 * the clear (only the payload is encrypted), and the generator's node names and payload values
 * are its own constants (packages/sim's mesh-traffic.ts).
 */
import { fromBinary } from '@bufbuild/protobuf';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Mqtt } from '@meshview/mesh';
import { TRAFFIC_NODES, type TrafficManifest } from '@meshview/sim';
import { expectAccessible } from './support/axe.js';
import { useBrowserSite } from './support/browser-site.js';
import { chromiumSkipReason } from './support/chromium.js';
import { tabThroughPage } from './support/keyboard.js';
import { THEMES, VIEWPORT_NAMES } from './support/looks.js';
import { expectNoProblems } from './support/page-probe.js';
import { saveScreenshot } from './support/screenshot.js';
import { translations } from './support/translations.js';

const en = translations('en');
const node = en.node!;
const N = TRAFFIC_NODES;
const HOUR_US = 3_600_000_000;
/** How long a check waits for the page's data (a loaded machine is slow; no timing is asserted). */
const WAIT = { timeout: 20_000 };

/** One gateway's report of one packet, as the record's envelope has it. */
interface Report {
  readonly id: number;
  readonly from: number;
  readonly to: number;
  readonly gateway: string;
  readonly direct: boolean;
  readonly nowUs: number;
}

/** Every report in the record, read from the envelopes' clear fields. */
function reports(record: TrafficManifest): Report[] {
  return record.messages.map((message) => {
    const envelope = fromBinary(Mqtt.ServiceEnvelopeSchema, message.payload);
    const packet = envelope.packet!;
    return {
      id: packet.id,
      from: packet.from,
      to: packet.to,
      gateway: envelope.gatewayId,
      direct: packet.hopStart === packet.hopLimit,
      nowUs: message.nowUs,
    };
  });
}

/** The distinct packet ids of some reports. */
const ids = (list: readonly Report[]) => [...new Set(list.map((r) => r.id))].sort((a, b) => a - b);

/** A chart's series as the page exposes them (`data-series` on its figure). */
async function chartSeries(page: Page, name: string) {
  const figure = page.locator(`[data-chart="${name}"]`);
  await figure.waitFor();
  return JSON.parse((await figure.getAttribute('data-series'))!) as {
    name: string;
    points: [number | string, number | null][];
  }[];
}

/** The value next to a term of the details list. */
async function detail(page: Page, term: string): Promise<string> {
  const row = page
    .locator('.node-info dl > div')
    .filter({ has: page.getByText(term, { exact: true }) });
  return (await row.locator('dd').textContent())!.trim();
}

/** The packet ids of the packets table's rows. */
async function tableIds(page: Page): Promise<number[]> {
  const values = await page
    .locator('[data-table="packets"] tbody tr')
    .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-packet-id'))));
  return values.sort((a, b) => a - b);
}

describe.skipIf(chromiumSkipReason)(
  `the node page, in Chromium${chromiumSkipReason ? ` (${chromiumSkipReason})` : ''}`,
  () => {
    const site = useBrowserSite('sqlite', 'node_page');
    const bobsReports = () => reports(site.mesh.record).filter((r) => r.from === N.bob.num);

    it("shows Bob's details, the impersonation warning and his last day's counts", async () => {
      const { page, probe } = await site.open(`/node/${N.bob.num}`);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT)
        .toContain(N.bob.longName);
      expect(await page.locator('.node-ids').textContent()).toContain(N.bob.id);
      expect(await detail(page, node.short_name!)).toBe(N.bob.shortName);
      expect(await detail(page, node.channel!)).toBe(N.bob.channel);
      // The record has Bob announce two public keys.
      await page
        .getByRole('alert')
        .getByRole('heading', { name: node.impersonation_title })
        .waitFor();

      const lastDay = bobsReports().filter((r) => r.nowUs >= site.mesh.nowUs - 23 * HOUR_US);
      await expect.poll(() => detail(page, node.sent_24h!), WAIT).toBe(String(ids(lastDay).length));
      await expect.poll(() => detail(page, node.seen_24h!), WAIT).toBe(String(lastDay.length));
      expectNoProblems(probe);
    });

    it('gives no warning for a node with one key', async () => {
      const { page, probe } = await site.open(`/node/${N.alice.num}`);
      await page.getByRole('heading', { level: 1, name: new RegExp(N.alice.longName) }).waitFor();
      expect(await page.getByRole('heading', { name: node.impersonation_title }).count()).toBe(0);
      expectNoProblems(probe);
    });

    it("charts Bob's telemetry as he sent it", async () => {
      const { page, probe } = await site.open(`/node/${N.bob.num}`);
      const [battery, voltage] = await chartSeries(page, 'battery');
      // mesh-traffic.ts's device metrics: battery 87 %, 4.05 V, channel 12.5 %, air 1.25 %.
      expect(battery!.points.map(([, y]) => y)).toEqual([87]);
      expect(voltage!.points.map(([, y]) => y)).toEqual([4.05]);
      const [channel, air] = await chartSeries(page, 'utilization');
      expect(channel!.points.map(([, y]) => y)).toEqual([12.5]);
      expect(air!.points.map(([, y]) => y)).toEqual([1.25]);
      // Bob reports no environment metrics: no such charts.
      expect(await page.locator('[data-chart="temperature"]').count()).toBe(0);
      expectNoProblems(probe);
    });

    it("charts the SNR of Gateway One's neighbours, named", async () => {
      const { page, probe } = await site.open(`/node/${N.gw1.num}`);
      await expect
        .poll(
          async () =>
            (await chartSeries(page, 'neighbor-snr')).map((s) => [
              s.name,
              s.points.map(([, y]) => y),
            ]),
          WAIT,
        )
        .toEqual([
          // mesh-traffic.ts's NeighborInfo from Gateway One.
          [N.alice.longName, [7.5]],
          [N.gw2.longName, [-3.25]],
        ]);
      expectNoProblems(probe);
    });

    it("stacks Bob's packets per day by port to the number he sent", async () => {
      const { page, probe } = await site.open(`/node/${N.bob.num}`);
      const series = await chartSeries(page, 'packets-per-day');
      const total = series.flatMap((s) => s.points).reduce((sum, [, y]) => sum + (y ?? 0), 0);
      expect(total).toBe(ids(bobsReports()).length);
      expectNoProblems(probe);
    });

    it('lists the gateways that heard Bob with their receptions and direct ones', async () => {
      const { page, probe } = await site.open(`/node/${N.bob.num}`);
      const table = page.locator('[data-table="gateways"]');
      await table.waitFor();
      for (const gateway of [N.gw1, N.gw2]) {
        const heard = bobsReports().filter((r) => r.gateway === gateway.id);
        const row = table.locator(`tr[data-node-id="${gateway.num}"]`);
        const cells = await row.locator('td').allTextContents();
        expect(
          await row.getByRole('link', { name: gateway.longName }).getAttribute('href'),
        ).toMatch(new RegExp(`/node/${gateway.num}$`));
        expect(cells.slice(0, 2)).toEqual([
          String(heard.length),
          String(heard.filter((r) => r.direct).length),
        ]);
      }
      const direct = bobsReports().filter((r) => r.direct);
      const snr = await chartSeries(page, 'direct-snr');
      expect(snr.reduce((sum, s) => sum + s.points.length, 0)).toBe(direct.length);
      expectNoProblems(probe);
    });

    it('lists every packet Bob sent or received, and filters them by port', async () => {
      const { page, probe } = await site.open(`/node/${N.bob.num}`);
      const involved = reports(site.mesh.record).filter(
        (r) => r.from === N.bob.num || r.to === N.bob.num,
      );
      await expect.poll(() => tableIds(page), WAIT).toEqual(ids(involved));

      await page.getByLabel(node.port!, { exact: true }).selectOption('1');
      const { ids: sent } = site.mesh.record;
      await expect
        .poll(() => tableIds(page), WAIT)
        .toEqual([sent.reply, sent.directText, sent.oldText].sort((a, b) => a - b));
      expect(new URL(page.url()).searchParams.get('port')).toBe('1');
      expectNoProblems(probe);
    });

    it('enlarges a chart in a dialog that Escape closes, focus returning to its button', async () => {
      const { page, probe } = await site.open(`/node/${N.bob.num}`);
      const enlarge = page.getByRole('button', {
        name: node.chart_enlarge_named!.replace('{title}', node.chart_battery!),
      });
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
      const { page, probe } = await site.open('/node/12345');
      await page.getByRole('heading', { level: 1, name: node.no_such_node }).waitFor();
      expectNoProblems(probe);
    });

    for (const theme of THEMES) {
      it(`passes axe and Tab reaches every control, with its warning, charts and tables, in ${theme} at both widths`, async () => {
        for (const viewport of VIEWPORT_NAMES) {
          const { page, probe } = await site.open(`/node/${N.bob.num}`, { viewport, theme });
          await page.locator('[data-chart="battery"] [role="img"] svg').waitFor();
          await expectAccessible(page, `node page with a warning (${viewport}, ${theme})`);
          await saveScreenshot(page, 'node-warning', viewport, theme);
          const walk = await tabThroughPage(page);
          expect(walk.missed, `not reached by Tab at ${viewport} width`).toEqual([]);
          expectNoProblems(probe);
        }
      });
    }
  },
);
