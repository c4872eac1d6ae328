import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin, ResolvedConfig } from 'vite';
import {
  overweightPages,
  pageWeights,
  weightTable,
  type BuiltApp,
  type BuiltChunk,
} from './page-weights.js';

/** What {@link pageWeightGate} checks. */
export interface PageWeightGateOptions {
  /** Every page path the app has (`PAGES` of `@meshview/api/pages`). */
  readonly pagePaths: readonly string[];
  /** Each page's module, the one app.tsx loads with `import()`, relative to the Vite root. */
  readonly pageModules: Readonly<Record<string, string>>;
  /** The most a page may weigh, gzipped JavaScript and CSS, in bytes. */
  readonly limitBytes: number;
  /** The report written into the output folder. */
  readonly reportFile?: string;
}

/**
 * The build's page-weight gate (issue 13): after bundling, sums for each page the gzipped
 * JavaScript and CSS the browser loads to show it (see `pageWeights`), prints a table, writes it
 * as JSON into the output folder (`page-weights.json`, read by `npm run bench:pages`), and fails
 * the build, naming the page, when one weighs more than the limit.
 *
 * @example
 * pageWeightGate({ pagePaths: ['/nodelist'], pageModules: { '/nodelist': 'src/pages/node-list-page.tsx' }, limitBytes: 300_000 })
 */
export function pageWeightGate(options: PageWeightGateOptions): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'meshview-page-weight',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    generateBundle(_output, bundle) {
      const missing = options.pagePaths.filter((path) => !(path in options.pageModules));
      if (missing.length > 0) {
        this.error(
          `page-weight gate: no module for page ${missing.join(', ')}; add it to pageModules ` +
            'in apps/web/vite.config.ts',
        );
      }
      const chunks: BuiltChunk[] = [];
      const cssGzipBytes: Record<string, number> = {};
      const facades = new Map<string, string>();
      let entry: string | undefined;
      for (const file of Object.values(bundle)) {
        if (file.type === 'asset') {
          if (file.fileName.endsWith('.css'))
            cssGzipBytes[file.fileName] = gzipSync(file.source).length;
          continue;
        }
        if (file.isEntry) entry = file.fileName;
        if (file.facadeModuleId) facades.set(file.facadeModuleId, file.fileName);
        chunks.push({
          fileName: file.fileName,
          gzipBytes: gzipSync(file.code).length,
          imports: file.imports,
          dynamicImports: file.dynamicImports,
          css: [...(file.viteMetadata?.importedCss ?? [])],
        });
      }
      if (entry === undefined) this.error('page-weight gate: the build has no entry chunk');

      const pages: Record<string, string> = {};
      for (const path of options.pagePaths) {
        const module = resolve(config.root, options.pageModules[path]!);
        const chunk = facades.get(module);
        if (chunk === undefined) {
          this.error(
            `page-weight gate: page ${path}'s module ${options.pageModules[path]} is no chunk of ` +
              'its own; app.tsx must load it with import()',
          );
        }
        pages[path] = chunk;
      }
      const app: BuiltApp = { entry, pages, chunks, cssGzipBytes };
      const weights = pageWeights(app);
      config.logger.info(
        `\npage weights (gzipped; 1 KB = 1000 bytes):\n${weightTable(weights, options.limitBytes)}`,
      );
      this.emitFile({
        type: 'asset',
        fileName: options.reportFile ?? 'page-weights.json',
        source: `${JSON.stringify({ limitBytes: options.limitBytes, kilobyte: 1000, pages: weights }, null, 2)}\n`,
      });
      const over = overweightPages(weights, options.limitBytes);
      if (over.length > 0) {
        this.error(`page-weight gate: ${over.map((o) => o.message).join('; ')}`);
      }
    },
  };
}
