import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '#test/tmp.js';
import type { Theme, ViewportName } from './looks.js';

/** Where screenshots go (git-ignored; CI keeps the folder). */
export const SCREENSHOT_DIR = join(repoRoot, 'test-results');

/**
 * Saves a full-page screenshot to `test-results/<name>-<viewport>-<theme>.png` and returns its
 * path. Look at them: they are how a person sees what the tests saw.
 *
 * @example
 * await saveScreenshot(page, 'nodelist', 'phone', 'dark'); // test-results/nodelist-phone-dark.png
 */
export async function saveScreenshot(
  page: Page,
  name: string,
  viewport: ViewportName,
  theme: Theme,
): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}-${viewport}-${theme}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}
