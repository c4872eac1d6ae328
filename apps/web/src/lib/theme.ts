import { safeStorage } from './i18n.js';

/** The visitor's theme choice; `system` follows `prefers-color-scheme`. */
export type ThemeChoice = 'light' | 'dark' | 'system';

const STORAGE_KEY = 'meshview.theme';

/** The remembered choice (`system` when none). */
export function themeChoice(): ThemeChoice {
  const value = safeStorage()?.getItem(STORAGE_KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** The theme shown now: the choice, or the system's. */
export function effectiveTheme(choice: ThemeChoice = themeChoice()): 'light' | 'dark' {
  if (choice !== 'system') return choice;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Applies and remembers a choice: `<html data-theme>` drives the CSS variables. */
export function applyTheme(choice: ThemeChoice = themeChoice()): void {
  if (choice === 'system') safeStorage()?.removeItem(STORAGE_KEY);
  else safeStorage()?.setItem(STORAGE_KEY, choice);
  document.documentElement.dataset.theme = effectiveTheme(choice);
}
