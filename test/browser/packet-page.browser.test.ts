/**
 * The packet page in a real browser against the real reader: each packet's decoded content, the
 * gateways that heard it grouped by hops with their RSSI and SNR, the map's sender marker, the
 * "no such packet" state; axe, keyboard and screenshots. Expected values come from the
 * generator's record (its envelopes read as the writer reads them), never from the API.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createKeyRing, interpretEnvelope, type PacketRecord } from '@meshview/mesh';
import { TRAFFIC_NODES } from '@meshview/sim';
import { expectAccessible } from './support/axe.js';
import { useBrowserSite } from './support/browser-site.js';
import { chromiumSkipReason } from './support/chromium.js';
import { tabThroughPage } from './support/keyboard.js';
import { THEMES, VIEWPORT_NAMES } from './support/looks.js';
import { expectNoProblems } from './support/page-probe.js';
import { saveScreenshot } from './support/screenshot.js';
import type { SiteMesh } from './support/site-mesh.js';
import { translations } from './support/translations.js';

const en = translations('en').packet!;
const es = translations('es').packet!;

/** `{name}` placeholders filled, as the app's translator does. */
const fill = (text: string | undefined, values: Record<string, string | number>): string =>
  text!.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));

/** Every gateway report of packet `id` in the record, read as the writer reads envelopes. */
function reportsOf(mesh: SiteMesh, id: number): PacketRecord[] {
  const keyRing = createKeyRing([]);
  return mesh.record.messages.flatMap((message) => {
    const result = interpretEnvelope(message.topic, message.payload, {
      keyRing,
      skipNodeIds: new Set(),
      nowUs: message.nowUs,
    });
    return result.kind === 'packet' && result.record.packet.id === id ? [result.record] : [];
  });
}

const NAMES = new Map<number, string>(
  Object.values(TRAFFIC_NODES).map((node) => [node.num, node.longName]),
);

/** The "seen by" table's body rows, each as its cells' texts. */
async function seenRows(page: Page): Promise<string[][]> {
  const table = page.getByRole('table', { name: /grouped by hops/ });
  await table.waitFor();
  return table
    .locator('tbody tr:not(.group-row)')
    .evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll('td'), (cell) => cell.innerText.trim())),
    );
}

describe.skipIf(chromiumSkipReason)(
  `the packet page, in Chromium${chromiumSkipReason ? ` (${chromiumSkipReason})` : ''}`,
  () => {
    const site = useBrowserSite('sqlite', 'packet');

    it('shows a text message and each gateway that heard it, grouped by hops, with RSSI and SNR', async () => {
      const { id, text } = site.mesh.packet;
      const reports = reportsOf(site.mesh, id);
      expect(reports.length).toBeGreaterThan(1);
      const { page, probe } = await site.open(`/packet/${id}`);

      await page.getByRole('heading', { level: 1, name: fill(en.title, { id }) }).waitFor();
      await expect.poll(() => page.locator('.message-text').innerText()).toBe(text);
      const sender = reports[0]!.packet.from_node_id;
      expect(await page.getByRole('link', { name: NAMES.get(sender) }).count()).toBeGreaterThan(0);

      const expected = reports
        .map((r) => ({
          gateway: NAMES.get(r.gatewayNodeId!)!,
          hops: r.seen!.hop_start! - r.seen!.hop_limit!,
          rssi: r.seen!.rx_rssi!,
          snr: r.seen!.rx_snr!,
        }))
        .sort((a, b) => a.hops - b.hops || b.snr - a.snr);
      const rows = await seenRows(page);
      // #, gateway (name and !hex), RSSI, SNR, distance, hops, channel, time
      expect(
        rows.map(([number, gateway, rssi, snr, , hops]) => [
          number,
          gateway!.split(' !')[0],
          rssi,
          snr,
          hops,
        ]),
      ).toEqual(
        expected.map((e, i) => [
          String(i + 1),
          e.gateway,
          e.rssi.toLocaleString('en-US'),
          e.snr.toLocaleString('en-US'),
          String(e.hops),
        ]),
      );
      // One row group per hop count, direct receptions first.
      const groups = await page.locator('tbody tr.group-row').allInnerTexts();
      const hopCounts = [...new Set(expected.map((e) => e.hops))];
      expect(groups).toHaveLength(hopCounts.length);
      if (hopCounts[0] === 0) expect(groups[0]).toContain(en.direct);
      expectNoProblems(probe);
    });

    it('puts the sender on the map where its position report put it, and says which gateways have none', async () => {
      const { page, probe } = await site.open(`/packet/${site.mesh.packet.id}`);
      const sender = reportsOf(site.mesh, site.mesh.packet.id)[0]!.packet.from_node_id;
      const marker = page.locator(
        `.leaflet-marker-icon[aria-label="${fill(en.map_source, { name: NAMES.get(sender)! })}"]`,
      );
      await marker.waitFor();
      await marker.press('Enter');
      await page.locator('.leaflet-popup-content').getByRole('link').waitFor();
      // The record's gateways never sent a position: they are listed, not drawn.
      const gateways = new Set(
        reportsOf(site.mesh, site.mesh.packet.id).map((r) => r.gatewayNodeId),
      );
      const positioned = site.mesh.record.messages.some((m) => {
        const result = interpretEnvelope(m.topic, m.payload, {
          keyRing: createKeyRing([]),
          skipNodeIds: new Set(),
          nowUs: m.nowUs,
        });
        return (
          result.kind === 'packet' &&
          result.record.nodes.some(
            (n) => gateways.has(n.node_id) && n.last_lat !== undefined && n.last_lat !== null,
          )
        );
      });
      if (!positioned) {
        await page.getByText(fill(en.map_unplaced_other, { count: gateways.size })).waitFor();
      }
      expectNoProblems(probe);
    });

    it('links a reply to the message it answers and quotes it', async () => {
      const replyId = site.mesh.record.ids.reply;
      const [reply] = reportsOf(site.mesh, replyId);
      const repliedTo = reply!.decoded!.replyId!;
      const { page, probe } = await site.open(`/packet/${replyId}`);
      const link = page.getByRole('link', { name: fill(en.packet_number, { id: repliedTo }) });
      await link.waitFor();
      expect(new URL((await link.getAttribute('href'))!, page.url()).pathname).toMatch(
        new RegExp(`/packet/${repliedTo}$`),
      );
      const original = reportsOf(site.mesh, repliedTo)[0]!.decoded!.value as string;
      await page.locator('.reply-quote').getByText(original).waitFor();
      expectNoProblems(probe);
    });

    it('shows a traceroute hop by hop, with names and per-hop SNR in dB (the protocol sends dB × 4)', async () => {
      const id = site.mesh.record.ids.traceroute;
      const [report] = reportsOf(site.mesh, id);
      const route = report!.decoded!.value as {
        route?: number[];
        snrTowards?: number[];
        routeBack?: number[];
        snrBack?: number[];
      };
      const { page, probe } = await site.open(`/packet/${id}`);
      // A reply travels from its `to` (who asked) through the route to its `from`.
      const towards = [
        report!.packet.to_node_id,
        ...(route.route ?? []),
        report!.packet.from_node_id,
      ];
      const back = [
        report!.packet.from_node_id,
        ...(route.routeBack ?? []),
        report!.packet.to_node_id,
      ];
      for (const [title, nodes, snrs] of [
        [en.route_towards!, towards, route.snrTowards ?? []],
        [en.route_back!, back, route.snrBack ?? []],
      ] as const) {
        const section = page.locator('section.trace-path', {
          has: page.getByRole('heading', { name: title }),
        });
        await section.waitFor();
        const items = await section.locator('ol.route > li').allInnerTexts();
        expect(items).toHaveLength(nodes.length);
        nodes.forEach((node, i) => {
          expect(items[i]).toContain(NAMES.get(node));
          if (i > 0)
            expect(items[i]).toContain(`SNR ${(snrs[i - 1]! / 4).toLocaleString('en-US')} dB`);
        });
      }
      expectNoProblems(probe);
    });

    it('labels telemetry metrics with their units', async () => {
      const id = site.mesh.record.ids.telemetry;
      const metrics = (
        reportsOf(site.mesh, id)[0]!.decoded!.value as { deviceMetrics: Record<string, number> }
      ).deviceMetrics;
      const { page, probe } = await site.open(`/packet/${id}`);
      const list = page.locator('.telemetry-view');
      await list.waitFor();
      const text = await list.innerText();
      expect(text).toContain(`${en.metric_batteryLevel}\n${metrics['batteryLevel']} %`);
      expect(text).toContain(
        `${en.metric_voltage}\n${metrics['voltage']!.toLocaleString('en-US')} V`,
      );
      expectNoProblems(probe);
    });

    it('says why there is no content: a direct message, a packet no key opened', async () => {
      const { ids } = site.mesh.record;
      for (const [id, notice] of [
        [ids.directText, en.redacted],
        [ids.undecryptable, en.not_decrypted],
      ] as const) {
        const { page, probe } = await site.open(`/packet/${id}`);
        await page.getByText(notice!).waitFor();
        expectNoProblems(probe);
      }
    });

    it('answers an id that names nothing with "no such packet", without a failed request', async () => {
      const { page, probe } = await site.open('/packet/123');
      await page.getByRole('heading', { level: 1, name: en.not_found_title }).waitFor();
      await page.getByText(fill(en.not_found, { id: 123 })).waitFor();
      expectNoProblems(probe);
    });

    it('speaks Spanish once the visitor picks it', async () => {
      const { id } = site.mesh.packet;
      const { page, probe } = await site.open(`/packet/${id}`);
      await page.getByRole('banner').getByRole('combobox').selectOption('es');
      await page.getByRole('heading', { level: 1, name: fill(es.title, { id }) }).waitFor();
      await page.getByText(es.to_all!, { exact: true }).waitFor();
      await page.getByRole('table', { name: /agrupad[oa]s? por saltos/ }).waitFor();
      expectNoProblems(probe);
    });

    for (const theme of THEMES) {
      it(`traceroute and telemetry packets in ${theme}: axe finds nothing serious, Tab reaches every control, at both widths`, async () => {
        for (const [name, id] of [
          ['packet-traceroute', site.mesh.record.ids.traceroute],
          ['packet-telemetry', site.mesh.record.ids.telemetry],
        ] as const) {
          for (const viewport of VIEWPORT_NAMES) {
            const { page, probe } = await site.open(`/packet/${id}`, { viewport, theme });
            await page.getByRole('table', { name: /grouped by hops/ }).waitFor();
            await expectAccessible(page, `${name} (${viewport}, ${theme})`);
            await saveScreenshot(page, name, viewport, theme);
            const walk = await tabThroughPage(page);
            expect(walk.missed, `not reached by Tab at ${viewport} width`).toEqual([]);
            expectNoProblems(probe);
          }
        }
      });
    }
  },
);
