/// <reference lib="dom" />
// The functions passed to `page.evaluate` run in the page, so this file needs the DOM's types.
/**
 * Keyboard use: every control a visitor can reach with the mouse, they can reach with Tab.
 */
import type { Page } from 'playwright-core';

/** Elements that can take focus from Tab, before the checks in {@link markFocusable}. */
const FOCUSABLE =
  'a[href], area[href], button, input:not([type="hidden"]), select, textarea, iframe, ' +
  'summary, audio[controls], video[controls], [contenteditable=""], [contenteditable="true"], ' +
  '[tabindex]';

/** What a Tab walk found. */
export interface TabWalk {
  /** Every element in the Tab order when the walk began, described. */
  readonly focusable: readonly string[];
  /** Those that never had focus. */
  readonly missed: readonly string[];
  /** How many times Tab was pressed. */
  readonly presses: number;
}

/**
 * Lists the elements of the page that are in the Tab order (enabled, not `tabindex=-1`, rendered
 * and not inert), marks each with `data-kbd`, and returns their descriptions.
 */
async function markFocusable(page: Page): Promise<string[]> {
  return page.evaluate((selector) => {
    const found: string[] = [];
    for (const element of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      element.removeAttribute('data-kbd');
      if (element.tabIndex < 0) continue;
      if ((element as HTMLButtonElement).disabled) continue;
      if (element.closest('[inert]')) continue;
      if (!element.checkVisibility({ visibilityProperty: true })) continue;
      element.setAttribute('data-kbd', String(found.length));
      const name =
        element.getAttribute('aria-label') ??
        element.textContent?.trim().replace(/\s+/g, ' ').slice(0, 40) ??
        '';
      const id = element.id ? `#${element.id}` : '';
      found.push(`<${element.tagName.toLowerCase()}${id}> "${name}"`);
    }
    return found;
  }, FOCUSABLE);
}

/**
 * Presses Tab from the top of the document until every element that was in the Tab order has
 * had focus, or `maxPresses` (by default three per element, plus ten) have been pressed; a
 * virtualised list renders rows as focus moves, hence the margin.
 *
 * @example
 * const walk = await tabThroughPage(page);
 * expect(walk.missed).toEqual([]);
 */
export async function tabThroughPage(
  page: Page,
  { maxPresses }: { readonly maxPresses?: number } = {},
): Promise<TabWalk> {
  const focusable = await markFocusable(page);
  // Focus a placeholder at the start of <body>: the next Tab goes to the first element in the
  // Tab order, wherever the page had put focus (an app may focus <main> after a navigation).
  await page.evaluate(() => {
    const start = document.createElement('span');
    start.tabIndex = -1;
    start.setAttribute('data-kbd-start', '');
    document.body.prepend(start);
    start.focus();
  });
  const reached = new Set<string>();
  const bound = maxPresses ?? focusable.length * 3 + 10;
  let presses = 0;
  while (reached.size < focusable.length && presses < bound) {
    await page.keyboard.press('Tab');
    presses += 1;
    const index = await page.evaluate(() => document.activeElement?.getAttribute('data-kbd'));
    if (index !== null && index !== undefined) reached.add(index);
  }
  await page.evaluate(() => document.querySelector('[data-kbd-start]')?.remove());
  return {
    focusable,
    missed: focusable.filter((_, i) => !reached.has(String(i))),
    presses,
  };
}
