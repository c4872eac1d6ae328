import { PAGES } from '@meshview/api/pages';
import { defineConfig, loadEnv } from 'vite';
import { pageWeightGate } from './build/page-weight.plugin.js';

/** Each page's module, as app.tsx loads it with `import()`: the page-weight gate weighs it. */
const PAGE_MODULES: Record<(typeof PAGES)[number]['path'], string> = {
  '/nodelist': 'src/pages/node-list-page.tsx',
  '/node/:id': 'src/pages/node-page.tsx',
  '/packet/:id': 'src/pages/packet-page.tsx',
  '/map': 'src/pages/map-page.tsx',
  '/kiosk': 'src/pages/kiosk-page.tsx',
  '/heatmap': 'src/pages/heatmap-page.tsx',
  '/firehose': 'src/pages/firehose-page.tsx',
  '/traceroute/:id': 'src/pages/traceroute-page.tsx',
  '/chat': 'src/pages/chat-page.tsx',
  '/net': 'src/pages/net-page.tsx',
  '/stats': 'src/pages/stats-page.tsx',
  '/top': 'src/pages/top-page.tsx',
  '/nodegraph': 'src/pages/nodegraph-page.tsx',
};

/** Issue 13: no page may need more than 300 KB (of 1000 bytes) of gzipped JavaScript and CSS. */
const PAGE_WEIGHT_LIMIT_KB = 300;

/** The limit, or `MESHVIEW_PAGE_WEIGHT_LIMIT_KB` (a test lowers it to see the gate fail). */
function pageWeightLimitKb(value: string | undefined): number {
  if (value === undefined || value === '') return PAGE_WEIGHT_LIMIT_KB;
  const limit = Number(value);
  if (!Number.isFinite(limit) || limit <= 0) {
    throw new Error(
      `MESHVIEW_PAGE_WEIGHT_LIMIT_KB must be a positive number of kilobytes, not "${value}"`,
    );
  }
  return limit;
}

// One build serves any `[server] base_path`: asset URLs are relative (`base: './'`), and the
// reader puts `<base href="<base_path>/">` into index.html when it serves it, so they resolve
// under the prefix on every page, however deep its path.
//
// `npx vite` (the dev server, from apps/web) sends `/api` to a running reader:
// MESHVIEW_DEV_API=http://127.0.0.1:8081 unless set otherwise.
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, '.', 'MESHVIEW_');
  return {
    base: './',
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    plugins: [
      pageWeightGate({
        pagePaths: PAGES.map((page) => page.path),
        pageModules: PAGE_MODULES,
        limitBytes: pageWeightLimitKb(env.MESHVIEW_PAGE_WEIGHT_LIMIT_KB) * 1000,
      }),
    ],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 1200,
    },
    server: {
      proxy: { '/api': { target: env.MESHVIEW_DEV_API ?? 'http://127.0.0.1:8081' } },
    },
  };
});
