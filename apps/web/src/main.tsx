import { render } from 'preact';
import type { ConfigResponse, Translations } from '@meshview/api';
import { App, prefetchPageData, preloadPage } from './app.js';
import { getJson } from './lib/api.js';
import { initialLanguage } from './lib/i18n.js';
import { currentPath } from './lib/router.js';
import { applyTheme } from './lib/theme.js';
import './styles.css';

// First, before anything renders: the remembered or system theme (no flash of the wrong one; a
// strict CSP forbids doing this in an inline script).
applyTheme();

/** The translations of `lang`, else English's (a language whose file went away). */
async function loadTranslations(lang: string): Promise<[string, Translations]> {
  try {
    return [lang, await getJson<Translations>('api/lang', { lang })];
  } catch (error) {
    if (lang === 'en') throw error;
    return ['en', await getJson<Translations>('api/lang', { lang: 'en' })];
  }
}

async function boot(): Promise<void> {
  const root = document.getElementById('app')!;
  const path = currentPath();
  // The page's code downloads while the config and translations do. Its content's requests go
  // out after those two small answers, which would otherwise wait behind a busy node's thousand
  // packets in the reader, but before the page renders (a page's later requests need none of
  // the shell).
  preloadPage(path);
  const config = await getJson<ConfigResponse>('api/config');
  const [lang, translations] = await loadTranslations(initialLanguage(config.site.language));
  prefetchPageData(path);
  render(<App config={config} initialLang={lang} initialTranslations={translations} />, root);
}

boot().catch((error: unknown) => {
  // No translations without the API: the one message in English.
  const root = document.getElementById('app')!;
  const main = document.createElement('main');
  const text = document.createElement('p');
  text.setAttribute('role', 'alert');
  text.textContent = `MeshView could not start: ${(error as Error).message}`;
  main.append(text);
  root.replaceChildren(main);
});
