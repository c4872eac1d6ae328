import { useEffect, useState } from 'preact/hooks';
import { safeStorage } from './i18n.js';

/** The visitor's theme choice; `system` follows `prefers-color-scheme`. */
export type ThemeChoice = 'light' | 'dark' | 'system';

const STORAGE_KEY = 'meshview.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The remembered choice (`system` when none). */
export function themeChoice(): ThemeChoice {
  const value = safeStorage()?.getItem(STORAGE_KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** The system's theme. */
export function systemTheme(): 'light' | 'dark' {
  return window.matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

/** The theme shown now: the choice, or the system's. */
export function effectiveTheme(choice: ThemeChoice = themeChoice()): 'light' | 'dark' {
  return choice === 'system' ? systemTheme() : choice;
}

/** Applies and remembers a choice: `<html data-theme>` drives the CSS variables. */
export function applyTheme(choice: ThemeChoice = themeChoice()): void {
  if (choice === 'system') safeStorage()?.removeItem(STORAGE_KEY);
  else safeStorage()?.setItem(STORAGE_KEY, choice);
  document.documentElement.dataset.theme = effectiveTheme(choice);
}

/**
 * Switches to the other theme. Choosing the system's own theme forgets the choice, so the page
 * follows the system again (two clicks bring a visitor back to where they started).
 */
export function toggleTheme(): 'light' | 'dark' {
  const next = effectiveTheme() === 'dark' ? 'light' : 'dark';
  applyTheme(next === systemTheme() ? 'system' : next);
  return next;
}

/** The theme shown now, re-rendering when the system's changes (while no choice is remembered). */
export function useTheme(): ['light' | 'dark', () => void] {
  const [theme, setTheme] = useState(effectiveTheme);
  useEffect(() => {
    const media = window.matchMedia(DARK_QUERY);
    const update = () => {
      applyTheme();
      setTheme(effectiveTheme());
    };
    media.addEventListener('change', update);
    return () => media.removeEventListener('change', update);
  }, []);
  return [theme, () => setTheme(toggleTheme())];
}
