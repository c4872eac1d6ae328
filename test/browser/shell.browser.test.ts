/**
 * What every page shares, in a real browser against the real reader under a base path: it loads
 * without errors, passes axe in both themes, has the shell's landmarks and controls, and is
 * usable from the keyboard; the theme and language switches, the 404 page and the redirects.
 * Screenshots of each page at both widths in both themes go to test-results/.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible } from './support/axe.js';
import { useBrowserSite } from './support/browser-site.js';
import { chromiumSkipReason } from './support/chromium.js';
import { tabThroughPage } from './support/keyboard.js';
import {
  shownTheme,
  sidewaysOverflow,
  themeToggle,
  toggleTheme,
  THEMES,
  VIEWPORT_NAMES,
} from './support/looks.js';
import { allowUrl, expectNoProblems } from './support/page-probe.js';
import { saveScreenshot } from './support/screenshot.js';
import { BASE_PATH, SITE_CONFIG } from './support/site.js';
import type { SiteMesh } from './support/site-mesh.js';
import { translations } from './support/translations.js';

const en = translations('en');
const es = translations('es');

/** The pages every test here visits, by screenshot name; `status` is the navigation's. */
const pages = (mesh: SiteMesh) =>
  [
    { name: 'nodelist', path: '/nodelist', status: 200 },
    { name: 'node', path: `/node/${mesh.node.num}`, status: 200 },
    { name: 'packet', path: `/packet/${mesh.packet.id}`, status: 200 },
    { name: 'not-found', path: '/no/such/page', status: 404 },
  ] as const;

const PAGE_NAMES = ['nodelist', 'node', 'packet', 'not-found'] as const;

/** The shell's structure: one banner with the title, a labelled menu, one main, a footer. */
async function expectShell(page: Page): Promise<void> {
  await expect.poll(() => page.getByRole('banner').count()).toBe(1);
  await expect(page.getByRole('banner').textContent()).resolves.toContain(SITE_CONFIG.title);
  await expect(page.getByRole('banner').textContent()).resolves.toContain(SITE_CONFIG.message);
  // At phone width the menu may be folded behind a button: present, if not shown.
  expect(await page.getByRole('navigation', { includeHidden: true }).count()).toBeGreaterThan(0);
  expect(await page.getByRole('main').count()).toBe(1);
  expect(await page.getByRole('contentinfo').count()).toBe(1);
  expect(await menuLink(page, en.base!.nodes!, { includeHidden: true }).count()).toBe(1);
  expect(await themeToggle(page).count()).toBe(1);
  expect(await page.getByRole('banner').getByRole('combobox').count()).toBe(1);
}

/** The menu's link to a page, by its visible name. */
const menuLink = (page: Page, name: string, { includeHidden = false } = {}) =>
  page
    .getByRole('navigation', { includeHidden })
    .getByRole('link', { name, exact: true, includeHidden });

describe.skipIf(chromiumSkipReason)(
  `every page, in Chromium, on SQLite${chromiumSkipReason ? ` (${chromiumSkipReason})` : ''}`,
  () => {
    const site = useBrowserSite('sqlite', 'shell');
    const pageNamed = (name: (typeof PAGE_NAMES)[number]) =>
      pages(site.mesh).find((p) => p.name === name)!;

    for (const name of PAGE_NAMES) {
      for (const theme of THEMES) {
        it(`${name} in ${theme}: loads cleanly with the shell, passes axe, Tab reaches every control, at both widths`, async () => {
          const target = pageNamed(name);
          for (const viewport of VIEWPORT_NAMES) {
            const { page, probe, response } = await site.open(target.path, { viewport, theme });
            expect(response?.status()).toBe(target.status);
            expect(await shownTheme(page)).toBe(theme);
            await expectShell(page);
            expect(await sidewaysOverflow(page), 'the page scrolls sideways').toBe(0);
            await expectAccessible(page, `${name} (${viewport}, ${theme})`);
            await saveScreenshot(page, name, viewport, theme);
            const walk = await tabThroughPage(page);
            // The shell's own controls at least: the menu's link, the language and theme controls.
            expect(walk.focusable.length).toBeGreaterThanOrEqual(3);
            expect(walk.missed, `not reached by Tab at ${viewport} width`).toEqual([]);
            expectNoProblems(probe, {
              allow: target.status === 404 ? [allowUrl(site.url(target.path))] : [],
            });
          }
        });
      }
    }

    it('answers an unknown path with status 404 and the 404 page', async () => {
      const path = '/no/such/page';
      const { page, probe, response } = await site.open(path);
      expect(response?.status()).toBe(404);
      expect(response?.headers()['content-type']).toMatch(/^text\/html/);
      const title = en.base!.not_found_title;
      expect(title, 'apps/reader/lang/en.json has base.not_found_title').toBeDefined();
      await page.getByRole('main').getByRole('heading', { name: title }).waitFor();
      expectNoProblems(probe, { allow: [allowUrl(site.url(path))] });
    });

    it('redirects the base path to the starting page, and /packet_list/{id} to the node page', async () => {
      const { page, probe, response } = await site.open('/');
      expect(page.url()).toBe(site.url(SITE_CONFIG.starting));
      expect(response?.status()).toBe(200);
      expect(response?.request().redirectedFrom()?.url()).toBe(site.url('/'));

      const node = site.mesh.node.num;
      const moved = await page.goto(site.url(`/packet_list/${node}`));
      expect(page.url()).toBe(site.url(`/node/${node}`));
      expect(moved?.status()).toBe(200);
      expect(moved?.request().redirectedFrom()).not.toBeNull();
      expectNoProblems(probe);
    });

    it('links the menu under the base path and moves between pages without reloading', async () => {
      const { page, probe } = await site.open(`/node/${site.mesh.node.num}`);
      const nodes = menuLink(page, en.base!.nodes!);
      const href = await nodes.getAttribute('href');
      expect(new URL(href!, page.url()).pathname).toBe(`${BASE_PATH}/nodelist`);
      expect(await nodes.getAttribute('aria-current')).toBeNull();
      await page.evaluate('window.stillTheSameDocument = true');
      await nodes.click();
      await page.waitForURL(site.url('/nodelist'));
      await expect.poll(() => nodes.getAttribute('aria-current')).toBe('page');
      expect(await page.evaluate('window.stillTheSameDocument')).toBe(true);
      expectNoProblems(probe);
    });

    it('switches the theme with the toggle and keeps it across a reload', async () => {
      const { page, probe } = await site.open('/nodelist', { theme: 'light' });
      expect(await shownTheme(page)).toBe('light');
      expect(await themeToggle(page).getAttribute('aria-pressed')).toBe('false');

      expect(await toggleTheme(page)).toBe('dark');
      expect(await themeToggle(page).getAttribute('aria-pressed')).toBe('true');
      await page.reload({ waitUntil: 'networkidle' });
      expect(await shownTheme(page)).toBe('dark');
      expect(await themeToggle(page).getAttribute('aria-pressed')).toBe('true');

      expect(await toggleTheme(page)).toBe('light');
      await page.reload({ waitUntil: 'networkidle' });
      expect(await shownTheme(page)).toBe('light');
      expectNoProblems(probe);
    });

    it('follows the system theme until the visitor chooses one', async () => {
      const { page, probe } = await site.open('/nodelist', { theme: 'dark' });
      expect(await shownTheme(page)).toBe('dark');
      await page.emulateMedia({ colorScheme: 'light' });
      await page.locator('html[data-theme="light"]').waitFor({ state: 'attached' });
      expectNoProblems(probe);
    });

    it('switches the language to Spanish with the picker and keeps it across a reload', async () => {
      expect(es.base!.nodes).not.toBe(en.base!.nodes);
      const { page, probe } = await site.open('/nodelist');
      await menuLink(page, en.base!.nodes!).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');

      await page.getByRole('banner').getByRole('combobox').selectOption('es');
      await menuLink(page, es.base!.nodes!).waitFor();
      expect(await menuLink(page, en.base!.nodes!).count()).toBe(0);
      expect(await page.locator('html').getAttribute('lang')).toBe('es');

      await page.reload({ waitUntil: 'networkidle' });
      await menuLink(page, es.base!.nodes!).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('es');
      expect(await page.getByRole('banner').getByRole('combobox').inputValue()).toBe('es');
      expectNoProblems(probe);
    });
  },
);
