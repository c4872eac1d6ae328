/**
 * The traceroute page in a real browser against the real reader: the forward and return paths in
 * the right order with each link's SNR, the links drawn on the map (or as a graph when the hops
 * have no positions) from → to as the packet implies, each gateway's report, a request still on
 * its way, the "no such traceroute" state; axe, keyboard, screenshots, Spanish. Expected values
 * come from the generator's record (support/traceroute-expectations.ts), never from the API.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible } from './support/axe.js';
import { useBrowserSite } from './support/browser-site.js';
import { chromiumSkipReason } from './support/chromium.js';
import { tabThroughPage } from './support/keyboard.js';
import { THEMES, VIEWPORT_NAMES, sidewaysOverflow } from './support/looks.js';
import { hexId, shownName } from './support/packet-page-expectations.js';
import { allowUrl, expectNoProblems } from './support/page-probe.js';
import { saveScreenshot } from './support/screenshot.js';
import { storeTracerouteReply } from './support/site-traffic.js';
import {
  expectedLinks,
  expectedPaths,
  mappedReplyWithReturn,
  newestRequest,
  replyHeardByMost,
  unknownNodes,
  type ExpectedLink,
  type ExpectedPath,
} from './support/traceroute-expectations.js';
import { translations } from './support/translations.js';

const en = translations('en').traceroute!;
const es = translations('es').traceroute!;

/** `{name}` placeholders filled, as the app's translator does. */
const fill = (text: string | undefined, values: Record<string, string | number>): string =>
  text!.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));

/** A hop list's node ids and each link's `data-snr`, in the page's order. */
async function hopList(page: Page, list: string): Promise<{ nodes: number[]; snrs: string[] }> {
  const ol = page.locator(list);
  await ol.locator('li[data-node-id]').first().waitFor();
  return {
    nodes: await ol
      .locator('li[data-node-id]')
      .evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-node-id')))),
    snrs: await ol
      .locator('.trace-hop-snr')
      .evaluateAll((spans) => spans.map((s) => s.getAttribute('data-snr') ?? '')),
  };
}

const asList = (path: ExpectedPath) => ({ nodes: [...path.nodes], snrs: path.snrDb.map(String) });

/** The drawn links (`selector` matches their SVG paths), with their data attributes. */
async function drawnLinks(page: Page, selector: string, count: number): Promise<ExpectedLink[]> {
  await expect.poll(() => page.locator(selector).count()).toBe(count);
  return page.locator(selector).evaluateAll((paths) =>
    paths.map((p) => ({
      from: Number(p.getAttribute('data-from')),
      to: Number(p.getAttribute('data-to')),
      direction: p.getAttribute('data-direction') as ExpectedLink['direction'],
      snr: Number(p.getAttribute('data-snr')),
    })),
  );
}

const FORWARD = '.trace-columns ol.trace-hops[data-direction="forward"]';
const RETURN = '.trace-columns ol.trace-hops[data-direction="return"]';

describe.skipIf(chromiumSkipReason)(
  `the traceroute page, in Chromium${chromiumSkipReason ? ` (${chromiumSkipReason})` : ''}`,
  () => {
    const site = useBrowserSite('sqlite', 'traceroute');
    /** A reply through nodes the mesh does not have, stored once (see `graphReply`). */
    let stored: { id: number; from: number; to: number; links: ExpectedLink[] } | undefined;

    /** A reply whose hops have no positions, reported by two gateways the mesh does not have. */
    async function graphReply() {
      if (stored) return stored;
      const [from, to, relay1, relay2, back1, gw1, gw2] = unknownNodes(site.mesh.record, 7) as [
        number,
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      const reply = {
        from,
        to,
        route: [relay1, relay2],
        snrTowards: [22, -128, -9],
        routeBack: [back1],
        snrBack: [14, 3],
        gateways: [gw1, gw2],
      };
      const id = await storeTracerouteReply(site.site, reply);
      // Forward from the requester (`to`) to the traced node (`from`), back the other way;
      // −128 is an SNR not measured.
      const links: ExpectedLink[] = [
        { from: to, to: relay1, direction: 'forward', snr: 22 / 4 },
        { from: relay1, to: relay2, direction: 'forward', snr: Number.NaN },
        { from: relay2, to: from, direction: 'forward', snr: -9 / 4 },
        { from, to: back1, direction: 'return', snr: 14 / 4 },
        { from: back1, to, direction: 'return', snr: 3 / 4 },
      ];
      stored = { id, from, to, links };
      return stored;
    }

    it("shows a reply's forward and return paths in order, each link with its SNR, and draws them on the map from → to", async () => {
      const { record } = site.mesh;
      const packet = mappedReplyWithReturn(record);
      const paths = expectedPaths(packet);
      const { page, probe } = await site.open(`/traceroute/${packet.id}`);

      await page
        .getByRole('heading', { level: 1, name: fill(en.title, { id: packet.id }) })
        .waitFor();
      // The header: the requester (the reply's `to`) and the traced node (its `from`).
      const facts = page.locator('.trace-facts');
      await facts.locator(`dd[data-node-id="${packet.to}"]`).waitFor();
      await facts.locator(`dd[data-node-id="${packet.from}"]`).waitFor();
      await facts.getByText(packet.channel, { exact: true }).waitFor();
      // The forward path starts at the requester and ends at the traced node; the return path
      // runs from the traced node back to the requester (MeshView draws it backwards, #112).
      expect(paths.forward.nodes[0]).toBe(packet.to);
      expect(paths.back.nodes[0]).toBe(packet.from);
      expect(await hopList(page, FORWARD)).toEqual(asList(paths.forward));
      expect(await hopList(page, RETURN)).toEqual(asList(paths.back));
      // Names link to the nodes' pages.
      for (const node of paths.forward.nodes) {
        await page
          .locator(FORWARD)
          .locator(`li[data-node-id="${node}"] a`)
          .filter({ hasText: shownName(record, node) })
          .first()
          .waitFor();
      }
      // Every node has a position: a map, each link's SVG path tagged as the record implies.
      const expected = expectedLinks(packet);
      await page.getByRole('region', { name: fill(en.map_label, { id: packet.id }) }).waitFor();
      expect(await drawnLinks(page, '.trace-map path[data-direction]', expected.length)).toEqual(
        expected,
      );
      const returned = expected.filter((l) => l.direction === 'return');
      expect(returned[0]!.from).toBe(packet.from);
      expect(returned.at(-1)!.to).toBe(packet.to);
      // Forward solid, return dashed.
      const dashes = await page
        .locator('.trace-map path[data-direction]')
        .evaluateAll((ps) =>
          ps.map((p) => [p.getAttribute('data-direction'), p.getAttribute('stroke-dasharray')]),
        );
      for (const [direction, dash] of dashes) {
        if (direction === 'forward') expect(dash).toBeNull();
        else expect(dash).not.toBeNull();
      }
      expect(await page.locator('.trace-graph').count()).toBe(0);
      expectNoProblems(probe);
    });

    it('draws a traceroute whose hops have no positions as a graph, with the same attributes', async () => {
      const reply = await graphReply();
      const { page, probe } = await site.open(`/traceroute/${reply.id}`);
      await page.getByRole('img', { name: fill(en.graph_label, { id: reply.id }) }).waitFor();
      const drawn = await drawnLinks(page, '.trace-graph path[data-direction]', reply.links.length);
      expect(drawn).toEqual(reply.links);
      // The unmeasured SNR says so in the list.
      const forward = await hopList(page, FORWARD);
      expect(forward.snrs).toEqual(['5.5', 'unknown', '-2.25']);
      await page.locator(FORWARD).getByText(en.snr_unknown!).waitFor();
      // Nodes without names show their !hex ids.
      await page
        .locator(FORWARD)
        .getByRole('link', { name: hexId(reply.to) })
        .waitFor();
      expect(await page.locator('.trace-map').count()).toBe(0);
      expectNoProblems(probe);
    });

    it("lists each gateway's report when several heard it", async () => {
      const { record } = site.mesh;
      const packet = replyHeardByMost(record);
      const gateways = [...new Set(packet.receptions.map((r) => r.gateway))];
      const paths = expectedPaths(packet);
      const { page, probe } = await site.open(`/traceroute/${packet.id}`);
      const section = page.getByRole('region', {
        name: fill(en.reports, { count: packet.receptions.length }),
      });
      await section.waitFor();
      // Every gateway heard the same reply: one item lists them all, and the record's hops
      // both ways.
      const items = section.locator('.trace-reports > li');
      await expect.poll(() => items.count()).toBe(1);
      const shown = (await items.first().getAttribute('data-gateways'))!.split(' ').map(Number);
      expect(shown.toSorted((a, b) => a - b)).toEqual(
        packet.receptions.map((r) => r.gateway).toSorted((a, b) => a - b),
      );
      expect(new Set(shown)).toEqual(new Set(gateways));
      await items
        .first()
        .getByRole('heading', {
          name: fill(en.report_group, { count: packet.receptions.length }),
        })
        .waitFor();
      expect(await items.first().locator('.trace-report-gateways > li').count()).toBe(
        packet.receptions.length,
      );
      expect(await hopList(page, `.trace-reports > li ol[data-direction="forward"]`)).toEqual(
        asList(paths.forward),
      );
      expect(await hopList(page, `.trace-reports > li ol[data-direction="return"]`)).toEqual(
        asList(paths.back),
      );
      expectNoProblems(probe);
    });

    it('shows a request still on its way as such', async () => {
      const packet = newestRequest(site.mesh.record);
      const { page, probe } = await site.open(`/traceroute/${packet.id}`);
      await page.getByRole('status').filter({ hasText: en.pending! }).waitFor();
      const forward = await hopList(page, FORWARD);
      expect(forward.nodes).toEqual([packet.from, ...packet.content.route]);
      await page.locator(FORWARD).getByText(en.on_its_way!).waitFor();
      expect(await page.locator(RETURN).count()).toBe(0);
      expectNoProblems(probe);
    });

    it("is a click away from the packet page's traceroute view", async () => {
      const packet = mappedReplyWithReturn(site.mesh.record);
      const { page, probe } = await site.open(`/packet/${packet.id}`);
      await page.getByRole('link', { name: en.open_page }).click();
      await page
        .getByRole('heading', { level: 1, name: fill(en.title, { id: packet.id }) })
        .waitFor();
      expect(new URL(page.url()).pathname).toBe(
        new URL(site.url(`/traceroute/${packet.id}`)).pathname,
      );
      expectNoProblems(probe);
    });

    it('answers an id that names nothing with "no such traceroute" (the API\'s 404)', async () => {
      expect(site.mesh.record.packets.some((p) => p.id === 123)).toBe(false);
      const { page, probe } = await site.open('/traceroute/123');
      await page.getByRole('heading', { level: 1, name: en.not_found_title }).waitFor();
      await page.getByText(fill(en.not_found, { id: 123 })).waitFor();
      expectNoProblems(probe, { allow: [allowUrl(site.url('/api/traceroute/123'))] });
    });

    it('speaks Spanish once the visitor picks it', async () => {
      const packet = mappedReplyWithReturn(site.mesh.record);
      const { page, probe } = await site.open(`/traceroute/${packet.id}`);
      await page.getByRole('banner').getByRole('combobox').selectOption('es');
      await page
        .getByRole('heading', { level: 1, name: fill(es.title, { id: packet.id }) })
        .waitFor();
      await page.getByRole('heading', { name: es.forward }).waitFor();
      await page.getByRole('heading', { name: es.return }).waitFor();
      await page.getByRole('region', { name: fill(es.map_label, { id: packet.id }) }).waitFor();
      await page.getByText(es.legend_requester!, { exact: true }).waitFor();
      expectNoProblems(probe);
    });

    for (const theme of THEMES) {
      it(`map and graph in ${theme}: axe finds nothing serious, Tab reaches every control, nothing overflows sideways, at both widths`, async () => {
        const pages = [
          ['traceroute-map', mappedReplyWithReturn(site.mesh.record).id, '.trace-map path'],
          ['traceroute-graph', (await graphReply()).id, '.trace-graph path[data-direction]'],
        ] as const;
        for (const [name, id, drawn] of pages) {
          for (const viewport of VIEWPORT_NAMES) {
            const { page, probe } = await site.open(`/traceroute/${id}`, { viewport, theme });
            await page.locator(drawn).first().waitFor();
            await expectAccessible(page, `${name} (${viewport}, ${theme})`);
            await saveScreenshot(page, name, viewport, theme);
            expect(await sidewaysOverflow(page), `sideways overflow at ${viewport} width`).toBe(0);
            const walk = await tabThroughPage(page);
            expect(walk.missed, `not reached by Tab at ${viewport} width`).toEqual([]);
            expectNoProblems(probe);
          }
        }
      });
    }
  },
);
