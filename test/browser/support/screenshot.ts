import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '#test/tmp.js';
import type { Theme, ViewportName } from './looks.js';

/** Where screenshots go (git-ignored; CI keeps the folder). */
export const SCREENSHOT_DIR = join(repoRoot, 'test-results');

/**
 * Saves a screenshot to `test-results/<name>-<viewport>-<theme>.png` and returns its path: of
 * the whole page by default, or of the window only with `fullPage: false` (a list that renders
 * only the rows on screen leaves the rest of a full-page shot blank). Look at them: they are how
 * a person sees what the tests saw.
 *
 * @example
 * await saveScreenshot(page, 'nodelist', 'phone', 'dark'); // test-results/nodelist-phone-dark.png
 */
export async function saveScreenshot(
  page: Page,
  name: string,
  viewport: ViewportName,
  theme: Theme,
  { fullPage = true }: { readonly fullPage?: boolean } = {},
): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}-${viewport}-${theme}.png`);
  await page.screenshot({ path, fullPage, animations: 'disabled' });
  return path;
}
