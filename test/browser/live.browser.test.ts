/**
 * Live by push, in a real browser against the real reader: a packet stored after a page opened
 * shows up on it without a reload; the tabs of one browser share one event stream, and another
 * tab takes it over when the leader closes; where the stream fails, the page polls
 * `api/packets?since=` instead. Packets are stored through the writer's pipeline while the
 * reader serves the database (support/site-traffic.ts).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DialectUnderTest } from '#test/databases.js';
import { pgSkipReason } from '#test/postgres.js';
import { useBrowserSite, type BrowserSite } from './support/browser-site.js';
import { chromiumSkipReason } from './support/chromium.js';
import { allowUrl, expectNoProblems } from './support/page-probe.js';
import { storeTextMessage } from './support/site-traffic.js';

/** How long a check waits (a loaded machine is slow; no timing is asserted). */
const WAIT = { timeout: 30_000 };
/** The stream's path under the base path. */
const STREAM_PATH = '/api/stream/packets';

/** What `/health` says about the stream. */
interface StreamHealth {
  readonly subscribers: number;
  readonly polls: number;
  readonly dropped_slow: number;
}

/** The reader's stream counters. */
async function streamHealth(site: BrowserSite): Promise<StreamHealth> {
  const response = await fetch(site.url('/health'));
  const body = (await response.json()) as { stream?: StreamHealth };
  if (!body.stream) throw new Error('/health has no `stream` section');
  return body.stream;
}

/** Waits until the page's live feed is in `mode` (`<html data-live>`). */
async function live(page: Page, mode: 'stream' | 'polling'): Promise<void> {
  await page.waitForFunction((want) => document.documentElement.dataset.live === want, mode, WAIT);
}

/** The tab's part in the shared feed (`<html data-live-role>`). */
async function role(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.documentElement.dataset.liveRole);
}

/** The packet ids of the node page's packet table, top first. */
async function tableIds(page: Page): Promise<number[]> {
  return page
    .locator('[data-table="packets"] tbody tr[data-packet-id]')
    .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-packet-id'))));
}

/** Waits until the node page's table has the packet `id` as its top row. */
async function expectOnTop(page: Page, id: number): Promise<void> {
  await page.locator(`[data-table="packets"] tbody tr[data-packet-id="${id}"]`).waitFor(WAIT);
  expect((await tableIds(page))[0]).toBe(id);
}

/** Opens `path` in a new tab of `context`, as `site.open` does (its data loaded). */
async function openTab(site: BrowserSite, context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(site.url(path), { waitUntil: 'networkidle' });
  return page;
}

/** Marks the page's window, so a test can tell that it was not reloaded since. */
async function markWindow(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { liveTestMark: boolean }).liveTestMark = true;
  });
}

async function stillMarked(page: Page): Promise<boolean> {
  return page.evaluate(
    () => (window as unknown as { liveTestMark?: boolean }).liveTestMark === true,
  );
}

/** The node page's tests that prove the database side too: run on each dialect. */
function nodePageGetsNewPackets(dialect: DialectUnderTest): BrowserSite {
  const site = useBrowserSite(dialect, 'live');

  it('shows a packet stored after the node page opened at the top of its table, without a reload', async () => {
    const node = site.mesh.node;
    const { page, probe } = await site.open(`/node/${node.num}`);
    await page.locator('[data-table="packets"] tbody tr').first().waitFor(WAIT);
    await live(page, 'stream');
    await markWindow(page);

    const text = `live on ${dialect}`;
    const id = await storeTextMessage(site.site, { from: node.num, text });
    await expectOnTop(page, id);
    const row = page.locator(`[data-table="packets"] tbody tr[data-packet-id="${id}"]`);
    expect(await row.textContent()).toContain(text);
    expect(await stillMarked(page)).toBe(true);
    expectNoProblems(probe);
  });

  return site;
}

describe.skipIf(chromiumSkipReason)(
  `live packets, in Chromium${chromiumSkipReason ? ` (${chromiumSkipReason})` : ''}`,
  () => {
    const site = nodePageGetsNewPackets('sqlite');

    it('shares one stream among the tabs of a browser, and another tab takes it over', async () => {
      const node = site.mesh.node;
      const { context, probe } = await site.newContext();
      const streams: string[] = [];
      context.on('request', (request) => {
        if (request.resourceType() === 'eventsource') streams.push(request.url());
      });
      const tabs: Page[] = [];
      for (let i = 0; i < 3; i += 1) tabs.push(await openTab(site, context, `/node/${node.num}`));
      await Promise.all(tabs.map((tab) => live(tab, 'stream')));

      const roles = await Promise.all(tabs.map(role));
      expect(roles.filter((r) => r === 'leader')).toHaveLength(1);
      expect(roles.filter((r) => r === 'follower')).toHaveLength(2);
      expect(streams).toHaveLength(1);
      // Tests before this one closed their pages: wait until the reader has seen them go.
      await expect.poll(async () => (await streamHealth(site)).subscribers, WAIT).toBe(1);

      // Every tab hears what the leader's stream brings.
      const before = await storeTextMessage(site.site, { from: node.num, text: 'to all tabs' });
      for (const tab of tabs) await expectOnTop(tab, before);

      const leader = tabs[roles.indexOf('leader')]!;
      const rest = tabs.filter((tab) => tab !== leader);
      await leader.close();
      // Stored while the stream changes hands: the next leader resumes after the last event its
      // tab heard, so this one is neither missed nor shown twice, whenever it lands.
      const between = await storeTextMessage(site.site, { from: node.num, text: 'in between' });
      await expect
        .poll(async () => (await Promise.all(rest.map(role))).filter((r) => r === 'leader'), WAIT)
        .toHaveLength(1);
      const next = rest[(await Promise.all(rest.map(role))).indexOf('leader')]!;
      await live(next, 'stream');
      // The new leader's stream is open, so 1 means the old one is gone and no other came.
      await expect.poll(async () => (await streamHealth(site)).subscribers, WAIT).toBe(1);
      expect(streams).toHaveLength(2);
      expect(new URL(streams[1]!).searchParams.get('last_event_id')).toMatch(/^\d+:\d+$/);
      for (const tab of rest) {
        await expectOnTop(tab, between);
        const ids = await tableIds(tab);
        expect(ids.filter((id) => id === before || id === between)).toEqual([between, before]);
      }

      const id = await storeTextMessage(site.site, { from: node.num, text: 'after the handover' });
      for (const tab of rest) await expectOnTop(tab, id);
      expectNoProblems(probe);
    });

    it('polls api/packets?since= when the stream fails, and still shows new packets', async () => {
      const node = site.mesh.node;
      const { context, probe } = await site.newContext();
      // An old reader, or a proxy in the way: the stream's path answers 503 every time.
      await context.route(
        (url) => url.pathname.endsWith(STREAM_PATH),
        (route) =>
          route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ error: 'stream unavailable (test)' }),
          }),
      );
      const polls: string[] = [];
      context.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname.endsWith('/api/packets') && url.searchParams.has('since')) {
          polls.push(url.search);
        }
      });
      const page = await openTab(site, context, `/node/${node.num}`);
      await page.locator('[data-table="packets"] tbody tr').first().waitFor(WAIT);
      await live(page, 'polling');
      await markWindow(page);

      const id = await storeTextMessage(site.site, { from: node.num, text: 'polled' });
      await expectOnTop(page, id);
      expect(await stillMarked(page)).toBe(true);
      expect(polls.length).toBeGreaterThan(0);
      // The stream was tried, and nothing else failed: its refused tries are the test's doing.
      expect(probe.problems.some((p) => p.kind === 'http' && p.url === site.url(STREAM_PATH))).toBe(
        true,
      );
      expectNoProblems(probe, { allow: [allowUrl(site.url(STREAM_PATH))] });
    });
  },
);

const pgSkip = chromiumSkipReason ?? pgSkipReason;

describe.skipIf(pgSkip)(`live packets on PostgreSQL${pgSkip ? ` (${pgSkip})` : ''}`, () => {
  nodePageGetsNewPackets('postgres');
});
