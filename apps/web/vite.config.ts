import { defineConfig, loadEnv } from 'vite';

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
