import { useEffect, useState } from 'preact/hooks';

/** The theme on `<html data-theme>` now (light unless it says dark). */
export function pageTheme(): 'light' | 'dark' {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

/**
 * The page's theme, re-rendering when `<html data-theme>` changes (the toggle, or the system's
 * preference followed by the shell): for what CSS variables cannot reach, such as a chart's
 * canvas.
 */
export function usePageTheme(): 'light' | 'dark' {
  const [theme, setTheme] = useState(pageTheme);
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(pageTheme()));
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme'],
    });
    return () => observer.disconnect();
  }, []);
  return theme;
}
