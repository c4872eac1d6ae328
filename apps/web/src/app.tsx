import { useMemo, useState } from 'preact/hooks';
import type { ConfigResponse, Translations } from '@meshview/api';
import { MENU, PAGES, matchPage } from '@meshview/api/pages';
import { Link } from './components/link.js';
import { getJson } from './lib/api.js';
import { I18nProvider, LANGUAGES, rememberLanguage, translator, type I18n } from './lib/i18n.js';
import { useLocation } from './lib/router.js';
import { applyTheme, effectiveTheme, themeChoice } from './lib/theme.js';
import { NodeListPage } from './pages/node-list-page.js';
import { NodePage } from './pages/node-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { PacketPage } from './pages/packet-page.js';

/** What each page pattern renders. */
const PAGE_COMPONENTS: Record<
  (typeof PAGES)[number]['path'],
  (props: { params: Record<string, string>; config: ConfigResponse }) => preact.JSX.Element
> = {
  '/nodelist': NodeListPage,
  '/node/:id': NodePage,
  '/packet/:id': PacketPage,
};

/** The shell: header with the site's title, message and menu; the page; the footer. */
export function App(props: {
  config: ConfigResponse;
  initialLang: string;
  initialTranslations: Translations;
}) {
  const { config } = props;
  const { path } = useLocation();
  const [lang, setLangState] = useState(props.initialLang);
  const [translations, setTranslations] = useState(props.initialTranslations);
  const [theme, setTheme] = useState(effectiveTheme(themeChoice()));

  const i18n: I18n = useMemo(
    () => ({
      lang,
      t: translator(translations),
      setLang: (code: string) => {
        rememberLanguage(code);
        void getJson<Translations>('api/lang', { lang: code }).then((next) => {
          setTranslations(next);
          setLangState(code);
        });
      },
    }),
    [lang, translations],
  );
  document.documentElement.lang = lang;

  const page = PAGES.map((p) => ({ pattern: p.path, params: matchPage(p.path, path) })).find(
    (m) => m.params !== null,
  );
  const Page = page ? PAGE_COMPONENTS[page.pattern] : undefined;
  const menu = MENU.filter(
    (entry) => config.site[entry.key] === 'true' && PAGES.some((p) => p.path === entry.path),
  );
  const { t } = i18n;

  return (
    <I18nProvider value={i18n}>
      <a class="skip-link" href="#main">
        {t('base', 'skip_to_content')}
      </a>
      <header class="site-header">
        <div class="site-title">
          <Link href="/">{config.site.title}</Link>
          {config.site.message !== '' && <p class="site-message">{config.site.message}</p>}
        </div>
        <nav aria-label={t('base', 'menu')}>
          <ul class="menu">
            {menu.map((entry) => (
              <li key={entry.key}>
                <Link href={entry.path} aria-current={path === entry.path ? 'page' : undefined}>
                  {t('base', entry.key)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div class="site-controls">
          <label>
            <span class="visually-hidden">{t('base', 'language')}</span>
            <select value={lang} onChange={(e) => i18n.setLang(e.currentTarget.value)}>
              {LANGUAGES.map((language) => (
                <option key={language.code} value={language.code}>
                  {language.name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            class="theme-toggle"
            aria-pressed={theme === 'dark'}
            onClick={() => {
              const next = theme === 'dark' ? 'light' : 'dark';
              applyTheme(next);
              setTheme(next);
            }}
          >
            {theme === 'dark' ? t('base', 'theme_light') : t('base', 'theme_dark')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {Page && page?.params ? <Page params={page.params} config={config} /> : <NotFoundPage />}
      </main>
      <footer class="site-footer">
        {t('base', 'version')} {config.site.version}
      </footer>
    </I18nProvider>
  );
}
