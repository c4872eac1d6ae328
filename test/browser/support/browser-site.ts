/// <reference lib="dom" />
// The function given to `addInitScript` runs in the page, hence the DOM's types.
/**
 * The browser tests' entry point: a site (a database filled with the simulated mesh, served by
 * the real reader under `/meshview`) and Chromium, started once per test file, and pages opened
 * on it at a viewport and in a theme, watched for problems.
 *
 * The other helpers, one concept per file:
 * - `page-probe.ts`: `expectNoProblems(probe, { allow })`, `allowUrl(url)`: console errors, page
 *   errors, failed requests, 4xx/5xx answers, requests off the site (map tiles go to a stub);
 * - `axe.ts`: `expectAccessible(page, what)`: no serious or critical axe-core violation;
 * - `looks.ts`: `VIEWPORTS`, `THEMES`, `shownTheme(page)`, `themeToggle(page)`, `toggleTheme(page)`;
 * - `screenshot.ts`: `saveScreenshot(page, name, viewport, theme)` to `test-results/`;
 * - `keyboard.ts`: `tabThroughPage(page)`: what Tab reaches;
 * - `site.ts`: `BASE_PATH`, `SITE_CONFIG`, `TILE_HOST`; `site-mesh.ts`: what the database holds.
 *
 * @example
 * // test/browser/nodelist.browser.test.ts
 * import { describe, expect, it } from 'vitest';
 * import { expectAccessible } from './support/axe.js';
 * import { useBrowserSite } from './support/browser-site.js';
 * import { chromiumSkipReason } from './support/chromium.js';
 * import { THEMES, VIEWPORT_NAMES } from './support/looks.js';
 * import { expectNoProblems } from './support/page-probe.js';
 * import { saveScreenshot } from './support/screenshot.js';
 *
 * describe.skipIf(chromiumSkipReason)(`the node list${chromiumSkipReason ? ` (${chromiumSkipReason})` : ''}`, () => {
 *   const site = useBrowserSite('sqlite', 'nodelist');
 *
 *   it('lists every node the mesh announced', async () => {
 *     const { page, probe } = await site.open('/nodelist', { viewport: 'desktop', theme: 'light' });
 *     const expected = site.mesh.record; // what the generator sent: the expected values
 *     await expect.poll(() => page.getByRole('row').count()).toBe(...);
 *     expectNoProblems(probe);
 *   });
 *
 *   for (const theme of THEMES)
 *     for (const viewport of VIEWPORT_NAMES)
 *       it(`looks right at ${viewport} width in ${theme}`, async () => {
 *         const { page, probe } = await site.open('/nodelist', { viewport, theme });
 *         await expectAccessible(page, `node list, ${theme}`);
 *         await saveScreenshot(page, 'nodelist', viewport, theme);
 *         expectNoProblems(probe);
 *       });
 * });
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import type { DialectUnderTest } from '#test/databases.js';
import { launchChromium, type LaunchedChromium } from './chromium.js';
import { VIEWPORTS, type Theme, type ViewportName } from './looks.js';
import { PageProbe } from './page-probe.js';
import { startSite, type Site } from './site.js';
import type { SiteMesh } from './site-mesh.js';

/** How {@link BrowserSite.open} shows a page. */
export interface OpenOptions {
  /** `desktop` (1280×800, the default) or `phone` (390×844, a touch screen). */
  readonly viewport?: ViewportName;
  /**
   * The system's colour scheme (`prefers-color-scheme`), which the app follows while the visitor
   * has not chosen one; `light` by default.
   */
  readonly theme?: Theme;
  /** localStorage entries set before the app's scripts run (`meshview.lang`, `meshview.theme`). */
  readonly storage?: Readonly<Record<string, string>>;
}

/** A page open on the site, in a browser context of its own (closed after the test). */
export interface OpenedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Problems of every page of the context so far. */
  readonly probe: PageProbe;
  /** The navigation's answer (its status: 404 for an unknown page). */
  readonly response: Response | null;
}

/** A site and a browser for one test file; see the example at the top of this file. */
export interface BrowserSite {
  /** The running site (after `beforeAll`). */
  readonly site: Site;
  /** What its database holds: the generator's record, a node id and a packet id. */
  readonly mesh: SiteMesh;
  readonly browser: Browser;
  /** `site.url(path)`: the absolute URL under the base path. */
  url(path: string): string;
  /**
   * Opens `path` (under the base path) in a fresh browser context (fresh storage) at the
   * viewport, in the theme, and waits until the page's network is idle (its data has loaded).
   */
  open(path: string, options?: OpenOptions): Promise<OpenedPage>;
  /** A fresh context with the probe attached, for tests that navigate themselves. */
  newContext(options?: OpenOptions): Promise<{ context: BrowserContext; probe: PageProbe }>;
}

/**
 * Starts the site on `dialect` and Chromium in `beforeAll` and stops them in `afterAll`; the
 * contexts a test opens are closed after it. Call it inside a `describe` that is skipped when
 * {@link chromiumSkipReason} (from chromium.ts) says so; `name` names the database.
 */
export function useBrowserSite(dialect: DialectUnderTest, name: string): BrowserSite {
  let site: Site | undefined;
  let chromium: LaunchedChromium | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([
      startSite(dialect, name),
      launchChromium(),
    ]);
    if (started.status === 'fulfilled') site = started.value;
    if (launched.status === 'fulfilled') chromium = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
  }, 180_000);

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  afterAll(async () => {
    await chromium?.close();
    await site?.close();
  });

  const running = (): { site: Site; chromium: LaunchedChromium } => {
    if (!site || !chromium) throw new Error('the browser site is not running (beforeAll failed)');
    return { site, chromium };
  };

  const newContext = async (options: OpenOptions = {}) => {
    const { site, chromium } = running();
    const viewport = options.viewport ?? 'desktop';
    const context = await chromium.browser.newContext({
      viewport: VIEWPORTS[viewport],
      isMobile: viewport === 'phone',
      hasTouch: viewport === 'phone',
      deviceScaleFactor: 1,
      colorScheme: options.theme ?? 'light',
      reducedMotion: 'reduce',
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    contexts.push(context);
    const probe = await PageProbe.attach(context, site.origin);
    if (options.storage) {
      await context.addInitScript((entries: Record<string, string>) => {
        // Once per tab: a reload must see what the page itself stored since.
        const key = 'meshview.test.seeded';
        if (window.sessionStorage.getItem(key)) return;
        window.sessionStorage.setItem(key, '1');
        for (const [k, v] of Object.entries(entries)) window.localStorage.setItem(k, v);
      }, options.storage);
    }
    return { context, probe };
  };

  return {
    get site() {
      return running().site;
    },
    get mesh() {
      return running().site.mesh;
    },
    get browser() {
      return running().chromium.browser;
    },
    url: (path) => running().site.url(path),
    newContext,
    open: async (path, options = {}) => {
      const { context, probe } = await newContext(options);
      const page = await context.newPage();
      const response = await page.goto(running().site.url(path), { waitUntil: 'networkidle' });
      return { page, context, probe, response };
    },
  };
}
