import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ConfigResponse, Translations } from '@meshview/api';
import { MENU, PAGES, isPagePath, matchPage } from '@meshview/api/pages';
import { lazyPage, type LazyPage } from './components/lazy-page.js';
import { Link } from './components/link.js';
import { getJson } from './lib/api.js';
import { SiteTitleContext } from './lib/document-title.js';
import { I18nProvider, LANGUAGES, rememberLanguage, translator, type I18n } from './lib/i18n.js';
import { navigate, useLocation } from './lib/router.js';
import { useTheme } from './lib/theme.js';
import { prefetchMapNodes } from './pages/map/prefetch-map-nodes.js';
import { prefetchNodeList } from './pages/node-list/prefetch-node-list.js';
import { prefetchNodePage } from './pages/node/prefetch-node-page.js';
import { NotFoundPage } from './pages/not-found-page.js';

/** What a page component gets. */
type PageProps = { params: Record<string, string>; config: ConfigResponse };

/**
 * What each page pattern renders. Each page is a chunk of its own, fetched when first shown, so
 * a page carries only the libraries it uses (issue 13; the build's page-weight gate sums them).
 */
const PAGE_COMPONENTS: Record<(typeof PAGES)[number]['path'], LazyPage<PageProps>> = {
  '/nodelist': lazyPage(() => import('./pages/node-list-page.js').then((m) => m.NodeListPage)),
  '/node/:id': lazyPage(() => import('./pages/node-page.js').then((m) => m.NodePage)),
  '/packet/:id': lazyPage(() => import('./pages/packet-page.js').then((m) => m.PacketPage)),
  '/map': lazyPage(() => import('./pages/map-page.js').then((m) => m.MapPage)),
  '/kiosk': lazyPage(() => import('./pages/kiosk-page.js').then((m) => m.KioskPage)),
  '/heatmap': lazyPage(() => import('./pages/heatmap-page.js').then((m) => m.HeatmapPage)),
  '/firehose': lazyPage(() => import('./pages/firehose-page.js').then((m) => m.FirehosePage)),
  '/traceroute/:id': lazyPage(() =>
    import('./pages/traceroute-page.js').then((m) => m.TraceroutePage),
  ),
  '/chat': lazyPage(() => import('./pages/chat-page.js').then((m) => m.ChatPage)),
  '/net': lazyPage(() => import('./pages/net-page.js').then((m) => m.NetPage)),
  '/stats': lazyPage(() => import('./pages/stats-page.js').then((m) => m.StatsPage)),
  '/top': lazyPage(() => import('./pages/top-page.js').then((m) => m.TopPage)),
  '/nodegraph': lazyPage(() => import('./pages/nodegraph-page.js').then((m) => m.NodegraphPage)),
};

/**
 * The requests of a page's content that can start before the page renders (with its code, the
 * config and the translations rather than after them); small modules, part of the entry chunk.
 */
const PAGE_DATA: Partial<
  Record<(typeof PAGES)[number]['path'], (params: Record<string, string>) => void>
> = {
  '/nodelist': () => prefetchNodeList(new URLSearchParams(location.search)),
  '/node/:id': (params) => prefetchNodePage(params.id ?? ''),
  '/map': () => prefetchMapNodes(false),
  '/kiosk': () => prefetchMapNodes(true),
};

/** Pages shown without the shell's header, menu and footer: the kiosk's full-screen map. */
const BARE_PAGES: ReadonlySet<string> = new Set(['/kiosk']);

/** The page pattern `path` shows and its parameters, or `undefined` for no page. */
function pageAt(path: string) {
  return PAGES.map((p) => ({ pattern: p.path, params: matchPage(p.path, path) })).find(
    (m) => m.params !== null,
  );
}

/**
 * Starts fetching the code of the page at `path` (an app path, without the base path), so it
 * downloads while the app asks for its config and translations; nothing for other paths.
 */
export function preloadPage(path: string): void {
  const page = pageAt(path);
  // A failure shows (with a retry) when the page renders.
  if (page) PAGE_COMPONENTS[page.pattern].preload().catch(() => undefined);
}

/**
 * Starts the requests of the content of the page at `path`, before it renders; nothing for
 * pages without such requests.
 */
export function prefetchPageData(path: string): void {
  const page = pageAt(path);
  if (page?.params) PAGE_DATA[page.pattern]?.(page.params);
}

/**
 * Where an old or bare path goes, as the reader redirects it (MeshView's paths): `/` to
 * `[site] starting` (the node list when that is no page), `/packet_list/{id}` to
 * `/node/{id}`. `undefined`: the path stays.
 */
export function redirectOf(path: string, starting: string): string | undefined {
  if (path === '/' || path === '') return isPagePath(starting) ? starting : '/nodelist';
  const old = matchPage('/packet_list/:id', path);
  return old ? `/node/${encodeURIComponent(old.id!)}` : undefined;
}

/** The shell: skip link, header with the site's title, message, menu and settings; the page. */
export function App(props: {
  config: ConfigResponse;
  initialLang: string;
  initialTranslations: Translations;
}) {
  const { config } = props;
  const { path } = useLocation();
  const [lang, setLangState] = useState(props.initialLang);
  const [translations, setTranslations] = useState(props.initialTranslations);
  const [theme, toggleTheme] = useTheme();
  const [menuOpen, setMenuOpen] = useState(false);

  const i18n: I18n = useMemo(
    () => ({
      lang,
      t: translator(translations),
      setLang: (code: string) => {
        rememberLanguage(code);
        void getJson<Translations>('api/lang', { lang: code }).then(
          (next) => {
            setTranslations(next);
            setLangState(code);
          },
          // The old language stays; the picker shows it again on the next render.
          () => setLangState((old) => old),
        );
      },
    }),
    [lang, translations],
  );
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const redirect = redirectOf(path, config.site.starting);
  useEffect(() => {
    if (redirect) navigate(redirect + location.search, { replace: true });
  }, [redirect]);

  // After an in-app navigation, focus moves to the page (as a page load would put it at the top),
  // and the phone menu closes.
  const firstPath = useRef(path);
  useEffect(() => {
    setMenuOpen(false);
    if (path === firstPath.current) return;
    firstPath.current = '';
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [path]);

  const page = pageAt(path);
  const Page = page ? PAGE_COMPONENTS[page.pattern].Component : undefined;
  const menu = MENU.filter(
    (entry) => config.site[entry.key] === 'true' && PAGES.some((p) => p.path === entry.path),
  );
  const { t } = i18n;

  if (Page && page?.params && BARE_PAGES.has(page.pattern) && !redirect) {
    // Nothing to skip to and nothing around it: the page alone, still one named <main>.
    return (
      <I18nProvider value={i18n}>
        <SiteTitleContext.Provider value={config.site.title}>
          <main id="main" class="bare-main" tabIndex={-1}>
            <Page params={page.params} config={config} />
          </main>
        </SiteTitleContext.Provider>
      </I18nProvider>
    );
  }

  return (
    <I18nProvider value={i18n}>
      <SiteTitleContext.Provider value={config.site.title}>
        <a class="skip-link" href="#main">
          {t('base', 'skip_to_content')}
        </a>
        <header class="site-header">
          <div class="site-title">
            <Link href="/" class="site-name">
              {config.site.title}
            </Link>
            {config.site.message !== '' && <p class="site-message">{config.site.message}</p>}
          </div>
          <div class="site-controls">
            <label class="language-picker">
              <span class="visually-hidden">{t('base', 'language')}</span>
              <select value={lang} onChange={(e) => i18n.setLang(e.currentTarget.value)}>
                {LANGUAGES.map((language) => (
                  <option key={language.code} value={language.code} lang={language.code}>
                    {language.name}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              class="theme-toggle"
              aria-pressed={theme === 'dark'}
              onClick={toggleTheme}
            >
              <span aria-hidden="true">☾ </span>
              {t('base', 'theme_dark')}
            </button>
            <button
              type="button"
              class="menu-toggle"
              aria-expanded={menuOpen}
              aria-controls="site-menu"
              onClick={() => setMenuOpen(!menuOpen)}
            >
              <span aria-hidden="true">☰ </span>
              {t('base', 'menu')}
            </button>
          </div>
          <nav
            id="site-menu"
            class={menuOpen ? 'site-menu open' : 'site-menu'}
            aria-label={t('base', 'menu')}
          >
            <ul class="menu">
              {menu.map((entry) => (
                <li key={entry.key}>
                  <Link
                    href={entry.path}
                    aria-current={page?.pattern === entry.path ? 'page' : undefined}
                  >
                    {t('base', entry.key)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" tabIndex={-1}>
          {redirect ? null : Page && page?.params ? (
            <Page params={page.params} config={config} />
          ) : (
            <NotFoundPage />
          )}
        </main>
        <footer class="site-footer">
          <span>
            {t('base', 'version')} {config.site.version}
          </span>
          <a href="api/openapi.json">{t('base', 'api')}</a>
        </footer>
      </SiteTitleContext.Provider>
    </I18nProvider>
  );
}
