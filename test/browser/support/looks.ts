/**
 * The ways a page is looked at: two viewports (desktop, phone) and two themes (light, dark), and
 * the shell's theme toggle.
 */
import type { Page } from 'playwright-core';

/** The window sizes the pages must work at. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

export type ViewportName = keyof typeof VIEWPORTS;

/** Both viewports, for tests that loop over them. */
export const VIEWPORT_NAMES: readonly ViewportName[] = ['desktop', 'phone'];

export type Theme = 'light' | 'dark';

/** Both themes, for tests that loop over them. */
export const THEMES: readonly Theme[] = ['light', 'dark'];

/** The theme the page shows: `<html data-theme>`. */
export async function shownTheme(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('data-theme');
}

/**
 * The shell's theme toggle: the header's button with `aria-pressed` (pressed while dark).
 */
export function themeToggle(page: Page) {
  return page.locator('header button[aria-pressed]');
}

/** Clicks the shell's theme toggle and waits until `<html data-theme>` is the other theme. */
export async function toggleTheme(page: Page): Promise<Theme> {
  const before = await shownTheme(page);
  const next: Theme = before === 'dark' ? 'light' : 'dark';
  await themeToggle(page).click();
  await page.locator(`html[data-theme="${next}"]`).waitFor({ state: 'attached' });
  return next;
}
