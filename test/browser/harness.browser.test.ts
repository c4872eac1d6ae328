/**
 * The browser tests' own checks fail when they should: a console error, a failed or refused
 * request and an axe violation are each reported, map tiles are not, and Chromium runs with the
 * issue's flags only.
 */
import { describe, expect, it } from 'vitest';
import { axeViolations, expectAccessible } from './support/axe.js';
import { useBrowserSite } from './support/browser-site.js';
import { CHROMIUM_FLAGS, chromiumSkipReason } from './support/chromium.js';
import { tabThroughPage } from './support/keyboard.js';
import { allowUrl, describeProblem, expectNoProblems } from './support/page-probe.js';
import { TILE_HOST } from './support/site.js';

describe.skipIf(chromiumSkipReason)(
  `the browser tests' checks${chromiumSkipReason ? ` (${chromiumSkipReason})` : ''}`,
  () => {
    const site = useBrowserSite('sqlite', 'harness');

    /** A page of the site's origin (its health answer) with `html` as its document. */
    async function pageWith(html: string) {
      const { context, probe } = await site.newContext();
      const page = await context.newPage();
      await page.goto(site.url('/health'));
      await page.setContent(html);
      return { page, probe };
    }

    it('launches Chromium with exactly the flags of the issue and a fresh profile', async () => {
      const { context } = await site.newContext();
      const page = await context.newPage();
      await page.goto('chrome://version');
      const commandLine = await page.locator('#command_line').innerText();
      const flags = commandLine.split(/\s+/).filter((word) => word.startsWith('--'));
      const ours = flags.filter((flag) => CHROMIUM_FLAGS.includes(flag));
      expect(ours.sort()).toEqual([...CHROMIUM_FLAGS].sort());
      // None of Playwright's defaults (e.g. --enable-automation, --disable-field-trial-config).
      expect(
        flags.filter((flag) => /^--(enable-automation|disable-field-trial)/.test(flag)),
      ).toEqual([]);
      expect(flags.filter((flag) => flag.startsWith('--user-data-dir=')).length).toBe(1);
    });

    it('reports console errors, page errors, 4xx answers and requests off the site', async () => {
      const { page, probe } = await pageWith('<p>problems</p>');
      await page.evaluate('console.error("a console error")');
      await page.evaluate('setTimeout(() => { throw new Error("an uncaught error"); })');
      await page.evaluate(`fetch(${JSON.stringify(site.url('/api/no-such-route'))})`);
      await page.evaluate('fetch("https://cdn.example.com/lib.js").catch(() => {})');
      await expect.poll(() => probe.problems.length).toBeGreaterThanOrEqual(4);
      const lines = probe.problems.map(describeProblem).join('\n');
      expect(lines).toContain('a console error');
      expect(lines).toContain('an uncaught error');
      expect(lines).toContain(`http ${site.url('/api/no-such-route')}: 404`);
      expect(lines).toContain('external https://cdn.example.com/lib.js');
      expect(() => expectNoProblems(probe)).toThrow(/problem\(s\)/);
      expect(() =>
        expectNoProblems(probe, {
          allow: [allowUrl(site.url('/api/no-such-route')), /a console error/, /uncaught/, /cdn/],
        }),
      ).not.toThrow();
    });

    it('answers map tiles from the stub, which is no problem', async () => {
      const { page, probe } = await pageWith('<p>tiles</p>');
      const tile = `http://${TILE_HOST}/3/1/2.png`;
      const answer = await page.evaluate<{ status: number; type: string | null }>(
        `fetch(${JSON.stringify(tile)}).then((r) => ({ status: r.status, type: r.headers.get('content-type') }))`,
      );
      expect(answer).toEqual({ status: 200, type: 'image/png' });
      expect(probe.tileRequests).toEqual([tile]);
      expectNoProblems(probe);
    });

    it('fails on a serious axe violation and names the rule and the element', async () => {
      const { page } = await pageWith(
        '<title>axe</title><main><h1>Axe</h1><button id="mute"></button>' +
          '<p id="faint" style="color:#eee;background:#fff">hard to read</p></main>',
      );
      const ids = (await axeViolations(page)).map((v) => v.id);
      expect(ids).toEqual(expect.arrayContaining(['button-name', 'color-contrast']));
      await expect(expectAccessible(page, 'a bad page')).rejects.toThrow(
        /button-name \(critical\)[\s\S]*#mute[\s\S]*color-contrast \(serious\)[\s\S]*#faint/,
      );
    });

    it('says which controls Tab did not reach', async () => {
      const { page } = await pageWith(
        '<title>tab</title><main><a href="#a">a</a><button>b</button>' +
          '<input aria-label="c"><button disabled>d</button><span tabindex="-1">e</span></main>',
      );
      const walk = await tabThroughPage(page);
      expect(walk.focusable).toEqual(['<a> "a"', '<button> "b"', '<input> "c"']);
      expect(walk.missed).toEqual([]);
      const short = await tabThroughPage(page, { maxPresses: 1 });
      expect(short.missed).toEqual(['<button> "b"', '<input> "c"']);
    });
  },
);
