import { render } from 'preact';
import type { ConfigResponse, Translations } from '@meshview/api';
import { App } from './app.js';
import { getJson } from './lib/api.js';
import { initialLanguage } from './lib/i18n.js';
import { applyTheme } from './lib/theme.js';
import './styles.css';

applyTheme();
window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => applyTheme());

async function boot(): Promise<void> {
  const root = document.getElementById('app')!;
  const config = await getJson<ConfigResponse>('api/config');
  const lang = initialLanguage(config.site.language);
  const translations = await getJson<Translations>('api/lang', { lang });
  render(<App config={config} initialLang={lang} initialTranslations={translations} />, root);
}

boot().catch((error: unknown) => {
  const root = document.getElementById('app')!;
  root.textContent = `MeshView could not start: ${(error as Error).message}`;
  root.setAttribute('role', 'alert');
});
