import { createContext } from 'preact';
import { useContext, useEffect } from 'preact/hooks';

/** The site's `[site] title`, which every page's `document.title` ends with. */
export const SiteTitleContext = createContext('MeshView');

/**
 * Sets `document.title` to `title · <site title>` while the page shows (the site title alone for
 * `undefined`, e.g. while loading).
 *
 * @example
 * useDocumentTitle(t('nodelist', 'title'));
 */
export function useDocumentTitle(title: string | undefined): void {
  const site = useContext(SiteTitleContext);
  useEffect(() => {
    document.title = title ? `${title} · ${site}` : site;
  }, [title, site]);
}
