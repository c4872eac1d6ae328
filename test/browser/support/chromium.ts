/**
 * Chromium for the browser tests: the system's browser at `CHROMIUM_PATH`, driven by
 * playwright-core, with the flags below and nothing else.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** The Chromium the tests drive (Debian's `/usr/bin/chromium` in CI), from `CHROMIUM_PATH`. */
export const chromiumPath: string | undefined = process.env.CHROMIUM_PATH || undefined;

/** Why the browser tests are skipped, for suite names; undefined when they run. */
export const chromiumSkipReason: string | undefined = chromiumPath
  ? undefined
  : 'skipped: CHROMIUM_PATH is not set (.ci/run sets it; e.g. CHROMIUM_PATH=/usr/bin/chromium)';

/**
 * Chromium's command-line flags, all of them: headless, no sandbox (CI runs as root in a
 * container), no GPU, and none of the browser's own traffic (QUIC, first-run pages, background
 * updates, sync) to mix with the site's requests.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A launched Chromium and the fresh profile it uses. */
export interface LaunchedChromium {
  readonly browser: Browser;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/**
 * Launches Chromium at `CHROMIUM_PATH` with exactly {@link CHROMIUM_FLAGS} and a fresh user data
 * folder. Playwright's own default flags are left out (`ignoreDefaultArgs`); it is given only
 * the profile and the pipe it talks to the browser over.
 */
export async function launchChromium(): Promise<LaunchedChromium> {
  if (!chromiumPath) throw new Error(chromiumSkipReason);
  const profile = mkdtempSync(join(tmpdir(), 'meshview-chromium-'));
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    ignoreDefaultArgs: true,
    args: [
      ...CHROMIUM_FLAGS,
      `--user-data-dir=${profile}`,
      '--remote-debugging-pipe',
      '--no-startup-window',
    ],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
