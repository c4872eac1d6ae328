/**
 * The packet page in a real browser against the real reader: each kind of packet's decoded
 * content, the gateways that heard it grouped by hops with their RSSI, SNR and distance, the
 * map's sender marker, the "no such packet" state; axe, keyboard and screenshots. Expected values
 * come from the generator's record of what it sent (support/packet-page-expectations.ts), never
 * from the API.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible } from './support/axe.js';
import { useBrowserSite } from './support/browser-site.js';
import { chromiumSkipReason } from './support/chromium.js';
import { tabThroughPage } from './support/keyboard.js';
import { THEMES, VIEWPORT_NAMES, sidewaysOverflow } from './support/looks.js';
import {
  announcedName,
  directText,
  hopGroups,
  lastPosition,
  positionReport,
  replyWithOriginal,
  seenRows,
  shownName,
  sourceOf,
  telemetryOf,
  textHeardAtSeveralHops,
  tracePaths,
  tracerouteReply,
  undecodable,
} from './support/packet-page-expectations.js';
import { expectNoProblems } from './support/page-probe.js';
import { saveScreenshot } from './support/screenshot.js';
import { translations } from './support/translations.js';

const en = translations('en').packet!;
const es = translations('es').packet!;

/** `{name}` placeholders filled, as the app's translator does. */
const fill = (text: string | undefined, values: Record<string, string | number>): string =>
  text!.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));

/** `_one` or `_other` of a plural key, filled with `count` (English and Spanish rules). */
const plural = (section: Record<string, string>, key: string, count: number): string =>
  fill(section[`${key}_${count === 1 ? 'one' : 'other'}`], { count });

/** A number as the page writes it in English: at most `digits` decimals. */
const number = (value: number, digits = 2): string =>
  new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(value);

/** A distance's first line as the page writes it: 2 decimals under 10 km, else 1. */
const km = (value: number | null): string =>
  value === null ? '—' : `${number(value, value < 10 ? 2 : 1)} km`;

/** The "seen by" table's body rows, each as its cells' texts. */
async function seenRowTexts(page: Page): Promise<string[][]> {
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

    it('shows a text message and each gateway that heard it, grouped by hops, with RSSI, SNR and distance', async () => {
      const { record } = site.mesh;
      const packet = textHeardAtSeveralHops(record);
      const expected = seenRows(record, packet, sourceOf(record, packet));
      const { page, probe } = await site.open(`/packet/${packet.id}`);

      await page
        .getByRole('heading', { level: 1, name: fill(en.title, { id: packet.id }) })
        .waitFor();
      await expect.poll(() => page.locator('.message-text').innerText()).toBe(packet.content.text);
      const facts = page.locator('.field-list').first();
      await facts.getByRole('link', { name: shownName(record, packet.from) }).waitFor();
      await facts.getByText(en.to_all!, { exact: true }).waitFor();
      await facts.getByText(packet.channel, { exact: true }).waitFor();

      await page
        .getByRole('table', { name: plural(en, 'seen_caption', packet.receptions.length) })
        .waitFor();
      const rows = await seenRowTexts(page);
      // #, gateway (name and !hex), RSSI, SNR, distance (km, then miles), hops, channel, time
      expect(
        rows.map(([n, gateway, rssi, snr, distance, hops, channel]) => [
          n,
          gateway!.split(' !')[0],
          rssi,
          snr,
          distance!.split('\n')[0],
          hops,
          channel,
        ]),
      ).toEqual(
        expected.map((e, i) => [
          String(i + 1),
          e.name,
          number(e.rssi),
          number(e.snr),
          km(e.distanceKm),
          String(e.hops),
          e.channel,
        ]),
      );
      // One row group per hop count, fewest first, each saying how many gateways it holds.
      const groups = await page.locator('tbody tr.group-row').allInnerTexts();
      const hopCounts = hopGroups(expected);
      expect(hopCounts.length).toBeGreaterThan(1);
      expect(groups.map((g) => g.trim())).toEqual(
        hopCounts.map((hops) => {
          const count = plural(en, 'gateway_count', expected.filter((e) => e.hops === hops).length);
          return `${hops === 0 ? en.direct : plural(en, 'hop_count', hops)} · ${count}`;
        }),
      );
      expectNoProblems(probe);
    });

    it('puts the sender on the map where its last position report put it, with a numbered marker per placed gateway', async () => {
      const { record } = site.mesh;
      const packet = textHeardAtSeveralHops(record);
      expect(lastPosition(record, packet.from)).not.toBeNull();
      const { page, probe } = await site.open(`/packet/${packet.id}`);
      const name = shownName(record, packet.from);
      const marker = page.locator(
        `.leaflet-marker-icon[aria-label="${fill(en.map_source, { name })}"]`,
      );
      await marker.waitFor();
      await marker.press('Enter');
      const popupLink = page.locator('.leaflet-popup-content').getByRole('link');
      await popupLink.waitFor();
      expect(await popupLink.getAttribute('href')).toMatch(new RegExp(`/node/${packet.from}$`));

      // Gateways whose position the writer read are drawn, the others listed.
      const gateways = packet.receptions.map((r) => r.gateway);
      const placed = gateways.filter((g) => lastPosition(record, g) !== null).length;
      await page.getByLabel(fill(en.map_label, { id: packet.id, count: placed })).waitFor();
      const unplaced = gateways.length - placed;
      if (unplaced > 0) await page.getByText(plural(en, 'map_unplaced', unplaced)).waitFor();
      else expect(await page.getByText(plural(en, 'map_unplaced', 1)).count()).toBe(0);
      expectNoProblems(probe);
    });

    it('links a reply to the message it answers and quotes it with its sender', async () => {
      const { record } = site.mesh;
      const { reply, original } = replyWithOriginal(record);
      const { page, probe } = await site.open(`/packet/${reply.id}`);
      await expect.poll(() => page.locator('.message-text').innerText()).toBe(reply.content.text);
      const link = page.getByRole('link', { name: fill(en.packet_number, { id: original.id }) });
      await link.waitFor();
      expect(new URL((await link.getAttribute('href'))!, page.url()).pathname).toMatch(
        new RegExp(`/packet/${original.id}$`),
      );
      const quote = page.locator('.reply-quote');
      await quote.getByText(original.content.text).waitFor();
      const sender = announcedName(record, original.from);
      if (sender) expect((await quote.locator('cite').innerText()).trim()).toBe(`${sender}:`);
      expectNoProblems(probe);
    });

    it('shows a traceroute hop by hop, with names and per-hop SNR in dB (the protocol sends dB × 4)', async () => {
      const { record } = site.mesh;
      const packet = tracerouteReply(record);
      const paths = tracePaths(packet);
      const { page, probe } = await site.open(`/packet/${packet.id}`);
      for (const [title, path] of [
        [en.route_towards!, paths.towards],
        [en.route_back!, paths.back],
      ] as const) {
        const section = page.locator('section.trace-path', {
          has: page.getByRole('heading', { name: title }),
        });
        await section.waitFor();
        await section
          .getByRole('heading', { name: plural(en, 'hop_count', path.nodes.length - 1) })
          .waitFor();
        // Names come from a lookup per hop: wait until every named hop shows its name.
        const expected = path.nodes.map((node, i) =>
          [i > 0 ? `SNR ${number(path.snrDb[i - 1]!)} dB` : null, shownName(record, node)]
            .filter((part) => part !== null)
            .join('\n'),
        );
        await expect
          .poll(async () =>
            (await section.locator('ol.route > li').allInnerTexts()).map((item) =>
              item
                .replace(/ !\w{8}$/, '')
                .replace(/^↓ /, '')
                .trim(),
            ),
          )
          .toEqual(expected);
      }
      expectNoProblems(probe);
    });

    it('labels device and environment telemetry with their units', async () => {
      const { record } = site.mesh;
      for (const kind of ['device', 'environment'] as const) {
        const packet = telemetryOf(record, kind);
        const { page, probe } = await site.open(`/packet/${packet.id}`);
        const list = page.locator('.telemetry-view');
        await list.waitFor();
        const text = await list.innerText();
        const lines: string[] = [];
        if ('device' in packet.content) {
          const m = packet.content.device;
          lines.push(
            `${en.telemetry_deviceMetrics}`,
            m.batteryLevel > 100
              ? `${en.metric_batteryLevel}\n${en.battery_powered}`
              : `${en.metric_batteryLevel}\n${number(m.batteryLevel)} %`,
            `${en.metric_voltage}\n${number(m.voltage)} V`,
            `${en.metric_channelUtilization}\n${number(m.channelUtilization)} %`,
            `${en.metric_airUtilTx}\n${number(m.airUtilTx)} %`,
          );
        } else {
          const m = packet.content.environment;
          lines.push(
            `${en.telemetry_environmentMetrics}`,
            `${en.metric_temperature}\n${number(m.temperature)} °C`,
            `${en.metric_relativeHumidity}\n${number(m.relativeHumidity)} %`,
            `${en.metric_barometricPressure}\n${number(m.barometricPressure)} hPa`,
          );
        }
        for (const line of lines) expect(text).toContain(line);
        expectNoProblems(probe);
      }
    });

    it('shows a position report: its coordinates, and its sender where the report puts it', async () => {
      const { record } = site.mesh;
      const packet = positionReport(record);
      const { latitudeI, longitudeI, altitude } = packet.content;
      const { page, probe } = await site.open(`/packet/${packet.id}`);
      const content = page.locator('section[aria-labelledby="packet-content"] .field-list');
      await content.waitFor();
      const text = await content.innerText();
      expect(text).toContain(`${en.latitude}\n${number(latitudeI / 1e7, 6)}°`);
      expect(text).toContain(`${en.longitude}\n${number(longitudeI / 1e7, 6)}°`);
      expect(text).toContain(`${en.altitude}\n${number(altitude, 0)} m`);
      const name = shownName(record, packet.from);
      await page
        .locator(`.leaflet-marker-icon[aria-label="${fill(en.map_source, { name })}"]`)
        .waitFor();
      // Distances in the table are from where this report puts the sender.
      const expected = seenRows(record, packet, sourceOf(record, packet));
      const rows = await seenRowTexts(page);
      expect(rows.map((r) => r[4]!.split('\n')[0])).toEqual(expected.map((e) => km(e.distanceKm)));
      expectNoProblems(probe);
    });

    it('says why there is no content: a direct message, a packet no key opened', async () => {
      const { record } = site.mesh;
      const direct = directText(record);
      const secret = undecodable(record);
      for (const [packet, notice] of [
        [direct, en.redacted],
        [secret, en.not_decrypted],
      ] as const) {
        const { page, probe } = await site.open(`/packet/${packet.id}`);
        await page.getByText(notice!).waitFor();
        const facts = page.locator('.field-list').first();
        // The writer read the direct message's header, not the private channel's sender name.
        await facts.getByRole('link', { name: shownName(record, packet.from) }).waitFor();
        if (packet === secret) {
          expect(announcedName(record, secret.from)).toBeNull();
          await facts.getByText(en.port_encrypted!, { exact: true }).waitFor();
        } else {
          await facts.getByRole('link', { name: shownName(record, packet.to) }).waitFor();
        }
        // Either way, where it was heard is known.
        expect(await seenRowTexts(page)).toHaveLength(packet.receptions.length);
        expectNoProblems(probe);
      }
    });

    it('answers an id that names nothing with "no such packet", without a failed request', async () => {
      const ids = new Set(site.mesh.record.packets.map((p) => p.id));
      expect(ids.has(123)).toBe(false);
      const { page, probe } = await site.open('/packet/123');
      await page.getByRole('heading', { level: 1, name: en.not_found_title }).waitFor();
      await page.getByText(fill(en.not_found, { id: 123 })).waitFor();
      expectNoProblems(probe);
    });

    it('speaks Spanish once the visitor picks it', async () => {
      const packet = textHeardAtSeveralHops(site.mesh.record);
      const { page, probe } = await site.open(`/packet/${packet.id}`);
      await page.getByRole('banner').getByRole('combobox').selectOption('es');
      await page
        .getByRole('heading', { level: 1, name: fill(es.title, { id: packet.id }) })
        .waitFor();
      await page.getByText(es.to_all!, { exact: true }).waitFor();
      await page
        .getByRole('table', { name: plural(es, 'seen_caption', packet.receptions.length) })
        .waitFor();
      expectNoProblems(probe);
    });

    for (const theme of THEMES) {
      it(`text, traceroute and telemetry packets in ${theme}: axe finds nothing serious, Tab reaches every control, nothing overflows sideways, at both widths`, async () => {
        const { record } = site.mesh;
        for (const [name, id] of [
          ['packet-text', textHeardAtSeveralHops(record).id],
          ['packet-traceroute', tracerouteReply(record).id],
          ['packet-telemetry', telemetryOf(record, 'device').id],
        ] as const) {
          for (const viewport of VIEWPORT_NAMES) {
            const { page, probe } = await site.open(`/packet/${id}`, { viewport, theme });
            await page.getByRole('table', { name: /grouped by hops/ }).waitFor();
            await expectAccessible(page, `${name} (${viewport}, ${theme})`);
            await saveScreenshot(page, name, viewport, theme);
            expect(await sidewaysOverflow(page), `sideways overflow at ${viewport} width`).toBe(0);
            // The seen-by table fits: no column cut at the right edge, even on a phone.
            const cut = await page
              .locator('.table-scroll:has(table.seen-by)')
              .evaluate((box) => box.scrollWidth - box.clientWidth);
            expect(cut, `seen-by table cut at ${viewport} width`).toBeLessThanOrEqual(0);
            const walk = await tabThroughPage(page);
            expect(walk.missed, `not reached by Tab at ${viewport} width`).toEqual([]);
            expectNoProblems(probe);
          }
        }
      });
    }
  },
);
