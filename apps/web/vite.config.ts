import { defineConfig } from 'vite';

// One build serves any `[server] base_path`: asset URLs are relative (`base: './'`), and the
// reader puts `<base href="<base_path>/">` into index.html when it serves it, so they resolve
// under the prefix on every page, however deep its path.
export default defineConfig({
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
  },
});
