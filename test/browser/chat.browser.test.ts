/**
 * The chat page in a real browser against the real reader: the newest texts to everyone with
 * their senders, channels and links, replies with the message they answer, the channel filter,
 * older pages as the visitor scrolls back (or presses the button), and messages stored after the
 * page opened; axe, keyboard and screenshots. Expected values come from the generator's record
 * (support/chat-expectations.ts), never from the API.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { useBrowserSite } from './support/browser-site.js';
import {
  CHAT_PAGE,
  chatChannels,
  chatMessages,
  directMessages,
  packetById,
  shownAfterPages,
  type TextPacket,
} from './support/chat-expectations.js';
import { chromiumSkipReason } from './support/chromium.js';
import { tabThroughPage } from './support/keyboard.js';
import { THEMES, VIEWPORT_NAMES, sidewaysOverflow } from './support/looks.js';
import { shownName } from './support/node-page-expectations.js';
import { expectNoProblems } from './support/page-probe.js';
import { saveScreenshot } from './support/screenshot.js';
import { storeTextMessage } from './support/site-traffic.js';
import { translations } from './support/translations.js';

const en = translations('en').chat!;
const es = translations('es').chat!;
/** How long a check waits (a loaded machine is slow; no timing is asserted). */
const WAIT = { timeout: 30_000 };

/** What a message of the page shows. */
interface ShownMessage {
  readonly id: number;
  readonly sender: string;
  readonly senderHref: string;
  readonly channel: string;
  readonly text: string;
  readonly packetHref: string;
  readonly quote: string | null;
}

/** The messages of the page, top first. */
async function shownMessages(page: Page): Promise<ShownMessage[]> {
  return page.locator('.chat-list > li').evaluateAll((items) =>
    items.map((li) => {
      const text = (selector: string) =>
        li.querySelector<HTMLElement>(selector)?.innerText.trim() ?? '';
      return {
        id: Number(li.getAttribute('data-packet-id')),
        sender: text('.chat-sender'),
        senderHref: li.querySelector('.chat-sender')?.getAttribute('href') ?? '',
        channel: text('.chat-channel'),
        text: text('.chat-text'),
        packetHref: li.querySelector('.chat-time')?.getAttribute('href') ?? '',
        quote: li.querySelector('.chat-quote') ? text('.chat-quote') : null,
      };
    }),
  );
}

/** Waits until the page shows `count` messages. */
async function expectCount(page: Page, count: number): Promise<void> {
  await expect.poll(() => page.locator('.chat-list > li').count(), WAIT).toBe(count);
}

/** The ids of `packets`. */
const ids = (packets: readonly TextPacket[]) => packets.map((p) => p.id);

describe.skipIf(chromiumSkipReason)(
  `the chat page, in Chromium${chromiumSkipReason ? ` (${chromiumSkipReason})` : ''}`,
  () => {
    const site = useBrowserSite('sqlite', 'chat');

    it('shows the newest 100 texts to everyone, oldest at the top, each with its sender, channel, text and links', async () => {
      const { record } = site.mesh;
      const expected = shownAfterPages(record, 1);
      expect(chatMessages(record).length).toBeGreaterThan(2 * CHAT_PAGE);
      const { page, probe } = await site.open('/chat');
      await page.getByRole('heading', { level: 1, name: en.title }).waitFor();
      await expectCount(page, CHAT_PAGE);
      const shown = await shownMessages(page);
      expect(shown.map((m) => m.id)).toEqual(ids(expected));
      expect(shown.map((m) => [m.sender, m.channel, m.text])).toEqual(
        expected.map((p) => [shownName(record, p.from), p.channel, p.content.text]),
      );
      for (const [i, m] of shown.entries()) {
        expect(m.senderHref).toMatch(new RegExp(`/node/${expected[i]!.from}$`));
        expect(m.packetHref).toMatch(new RegExp(`/packet/${m.id}$`));
      }
      // Direct messages are left out, and the page says so.
      const direct = new Set(ids(directMessages(record)));
      expect(direct.size).toBeGreaterThan(0);
      expect(shown.filter((m) => direct.has(m.id))).toEqual([]);
      await page.getByText(en.direct_left_out!).waitFor();
      // It opens at the newest message.
      const box = page.locator('.chat-log');
      expect(
        await box.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight),
      ).toBeLessThan(2);
      expectNoProblems(probe);
    });

    it('shows with each reply the text of the message it answers, on the page or fetched', async () => {
      const { record } = site.mesh;
      const expected = shownAfterPages(record, 1);
      const replies = expected.filter((p) => p.replyId !== 0);
      expect(replies.length).toBeGreaterThan(0);
      const { page, probe } = await site.open('/chat');
      await expectCount(page, CHAT_PAGE);
      // Originals not on the page come with their own request.
      await expect.poll(() => page.locator('.chat-quote-pending').count(), WAIT).toBe(0);
      const shown = new Map((await shownMessages(page)).map((m) => [m.id, m]));
      for (const reply of replies) {
        const original = packetById(record, reply.replyId);
        const quote = shown.get(reply.id)!.quote;
        if (original === undefined || original.content.kind !== 'text' || !original.decodable) {
          expect(quote).toBe(`${en.reply_to} ${en.original_missing}`);
          continue;
        }
        expect(quote).toBe(
          `${en.reply_to} ${shownName(record, original.from)}: ${original.content.text}`,
        );
      }
      expectNoProblems(probe);
    });

    it("filters by channel: the list of channels, and only the chosen channel's messages", async () => {
      const { record } = site.mesh;
      const channels = chatChannels(record);
      // The channel with the fewest readable messages that has some.
      const counted = channels
        .map((name) => ({ name, count: chatMessages(record, name).length }))
        .filter((c) => c.count > 0)
        .sort((a, b) => a.count - b.count);
      expect(counted.length).toBeGreaterThan(1);
      const chosen = counted[0]!.name;
      const expected = shownAfterPages(record, 1, chosen);

      const { page, probe } = await site.open('/chat');
      await expectCount(page, CHAT_PAGE);
      const select = page.getByLabel(en.channel!, { exact: true });
      await expect
        .poll(() => select.locator('option').allInnerTexts())
        .toEqual([en.all_channels, ...channels]);
      await select.selectOption(chosen);
      await expect
        .poll(async () => (await shownMessages(page)).map((m) => m.id), WAIT)
        .toEqual(ids(expected));
      const shown = await shownMessages(page);
      expect(shown.map((m) => m.id)).toEqual(ids(expected));
      expect(new Set(shown.map((m) => m.channel))).toEqual(new Set([chosen]));
      expect(new URL(page.url()).searchParams.get('channel')).toBe(chosen);
      // The filter survives a reload (it is in the address).
      await page.reload({ waitUntil: 'networkidle' });
      await expectCount(page, expected.length);
      expect((await shownMessages(page)).map((m) => m.id)).toEqual(ids(expected));
      // A channel without readable messages (the private group's) says so.
      const silent = channels.find((name) => chatMessages(record, name).length === 0);
      if (silent !== undefined) {
        await page.getByLabel(en.channel!, { exact: true }).selectOption(silent);
        await page.getByText(en.no_messages_channel!.replace('{channel}', silent)).waitFor(WAIT);
        expect(await page.locator('.chat-list > li').count()).toBe(0);
      }
      expectNoProblems(probe);
    });

    it('says when the messages cannot be loaded, and loads them on "try again"', async () => {
      const { context, probe } = await site.newContext();
      let failed = 0;
      await context.route('**/api/packets?*', async (route) => {
        if (failed > 0) return route.continue();
        failed += 1;
        await route.fulfill({
          status: 503,
          json: { error: 'service unavailable', reason: 'the reader is stopping' },
        });
      });
      const page = await context.newPage();
      await page.goto(site.url('/chat'), { waitUntil: 'networkidle' });
      await page.getByRole('alert').getByText('503: the reader is stopping').waitFor(WAIT);
      await page.getByRole('button', { name: translations('en').base!.retry }).click();
      await expectCount(page, CHAT_PAGE);
      expect((await shownMessages(page)).map((m) => m.id)).toEqual(
        ids(shownAfterPages(site.mesh.record, 1)),
      );
      expectNoProblems(probe, { allow: [/ 503\b|status of 503/] });
    });

    it('loads the next older page when the top is scrolled to, keeping the view in place, and another on the button', async () => {
      const { record } = site.mesh;
      const total = chatMessages(record).length;
      const { page, probe } = await site.open('/chat');
      await expectCount(page, CHAT_PAGE);
      const box = page.locator('.chat-log');
      const firstId = (await shownMessages(page))[0]!.id;
      const offsetOf = (id: number) =>
        page
          .locator(`.chat-list > li[data-packet-id="${id}"]`)
          .evaluate(
            (li) =>
              li.getBoundingClientRect().top - li.closest('.chat-log')!.getBoundingClientRect().top,
          );
      await box.evaluate((el) => {
        el.scrollTop = 0;
      });
      const before = await offsetOf(firstId);
      await expectCount(page, Math.min(2 * CHAT_PAGE, total));
      expect((await shownMessages(page)).map((m) => m.id)).toEqual(ids(shownAfterPages(record, 2)));
      // What was at the top stays where it was: the older page went above it.
      expect(Math.abs((await offsetOf(firstId)) - before)).toBeLessThanOrEqual(2);

      // The button, from the keyboard.
      const button = page.getByRole('button', { name: en.load_older });
      await button.focus();
      await page.keyboard.press('Enter');
      await expectCount(page, Math.min(3 * CHAT_PAGE, total));
      expect((await shownMessages(page)).map((m) => m.id)).toEqual(ids(shownAfterPages(record, 3)));
      expectNoProblems(probe);
    });

    it('speaks Spanish once the visitor picks it', async () => {
      const { page, probe } = await site.open('/chat');
      await expectCount(page, CHAT_PAGE);
      await page.getByRole('banner').getByRole('combobox').selectOption('es');
      await page.getByRole('heading', { level: 1, name: es.title }).waitFor();
      await page.getByText(es.direct_left_out!).waitFor();
      await page.getByLabel(es.channel!, { exact: true }).waitFor();
      await page.getByRole('button', { name: es.load_older }).waitFor();
      expectNoProblems(probe);
    });

    for (const theme of THEMES) {
      it(`in ${theme}: axe finds nothing serious, Tab reaches every control, nothing overflows sideways, at both widths`, async () => {
        for (const viewport of VIEWPORT_NAMES) {
          const { page, probe } = await site.open('/chat', { viewport, theme });
          await expectCount(page, CHAT_PAGE);
          await expectAccessible(page, `chat (${viewport}, ${theme})`);
          await saveScreenshot(page, 'chat', viewport, theme);
          expect(await sidewaysOverflow(page), `sideways overflow at ${viewport} width`).toBe(0);
          const walk = await tabThroughPage(page);
          expect(walk.missed, `not reached by Tab at ${viewport} width`).toEqual([]);
          expectNoProblems(probe);
        }
      });
    }

    // Last: the messages it stores stay in the database, and the tests above compare the page
    // with the record alone.
    it('shows a message stored after the page opened at the bottom, leaves a direct one out, and quotes what a live reply answers', async () => {
      const { record, node } = site.mesh;
      const { page, probe } = await site.open('/chat');
      await expectCount(page, CHAT_PAGE);
      await page.waitForFunction(
        () => document.documentElement.dataset.live === 'stream',
        null,
        WAIT,
      );
      const other = record.nodes.find((n) => n.num !== node.num && n.keyKind !== 'unknown')!;

      const direct = await storeTextMessage(site.site, {
        from: node.num,
        to: other.num,
        text: 'a private word',
      });
      const text = 'live on the chat page';
      const id = await storeTextMessage(site.site, { from: node.num, text });
      await page.locator(`.chat-list > li[data-packet-id="${id}"]`).waitFor(WAIT);
      let shown = await shownMessages(page);
      expect(shown.at(-1)).toMatchObject({ id, text, sender: shownName(record, node.num) });
      expect(shown.some((m) => m.id === direct)).toBe(false);
      // Marked as new; with reduced motion (the tests' browser asks for it) it does not flash.
      const fresh = page.locator(`.chat-list > li[data-packet-id="${id}"]`);
      expect(await fresh.getAttribute('class')).toContain('chat-fresh');
      expect(await fresh.evaluate((li) => getComputedStyle(li).animationName)).toBe('none');
      expect(await page.locator('.chat-list > li.chat-fresh').count()).toBe(1);
      await expect
        .poll(() => page.locator('p.visually-hidden[role="status"]').innerText())
        .toBe(en.new_message!.replace('{name}', shownName(record, node.num)));

      // A reply to a message of the page, stored live, shows that message.
      const answered = shownAfterPages(record, 1).at(-5)!;
      const reply = await storeTextMessage(site.site, {
        from: other.num,
        text: 'a live answer',
        replyId: answered.id,
      });
      await page.locator(`.chat-list > li[data-packet-id="${reply}"]`).waitFor(WAIT);
      shown = await shownMessages(page);
      expect(shown.at(-1)).toMatchObject({
        id: reply,
        text: 'a live answer',
        quote: `${en.reply_to} ${shownName(record, answered.from)}: ${answered.content.text}`,
      });
      expect(shown).toHaveLength(CHAT_PAGE + 2);
      expectNoProblems(probe);
    });
  },
);
