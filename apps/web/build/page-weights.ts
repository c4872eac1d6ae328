/**
 * What each page of the web app weighs: the gzipped JavaScript and CSS the browser loads to show
 * it. Pure functions over a description of the build's output, so a test can give them a made-up
 * build; apps/web/build/page-weight.plugin.ts feeds them Vite's bundle.
 */

/** One JavaScript chunk of the build. */
export interface BuiltChunk {
  /** Its file, relative to the output folder (`assets/node-page-x1.js`). */
  readonly fileName: string;
  /** Gzipped size in bytes. */
  readonly gzipBytes: number;
  /** The chunks it imports statically (loaded with it). */
  readonly imports: readonly string[];
  /** The chunks it imports with `import()` (loaded when its code asks). */
  readonly dynamicImports: readonly string[];
  /** The CSS files that come with it. */
  readonly css: readonly string[];
}

/** The build's output as far as weight goes. */
export interface BuiltApp {
  /** The chunk index.html loads. */
  readonly entry: string;
  /** Each page's own chunk (what its `import()` in app.tsx loads), by page path. */
  readonly pages: Readonly<Record<string, string>>;
  readonly chunks: readonly BuiltChunk[];
  /** Gzipped size in bytes of each CSS file. */
  readonly cssGzipBytes: Readonly<Record<string, number>>;
}

/** What one page weighs. */
export interface PageWeight {
  readonly page: string;
  /** Gzipped bytes of JavaScript. */
  readonly jsGzipBytes: number;
  /** Gzipped bytes of CSS. */
  readonly cssGzipBytes: number;
  readonly totalGzipBytes: number;
  /** The files counted, JavaScript then CSS. */
  readonly files: readonly string[];
}

/**
 * The weight of every page: the entry chunk, the page's chunk, every chunk they import
 * statically, and, to be safe, every chunk the page's code may load later with `import()` (other
 * pages' chunks excepted), with the CSS of them all. Each file counts once.
 */
export function pageWeights(app: BuiltApp): PageWeight[] {
  const byFile = new Map(app.chunks.map((chunk) => [chunk.fileName, chunk]));
  const pageChunks = new Set(Object.values(app.pages));
  const chunkOf = (fileName: string): BuiltChunk => {
    const chunk = byFile.get(fileName);
    if (!chunk) throw new Error(`the build has no chunk ${fileName}`);
    return chunk;
  };

  return Object.entries(app.pages).map(([page, pageChunk]) => {
    const js = new Set<string>();
    const visit = (fileName: string, followDynamic: boolean): void => {
      if (js.has(fileName)) return;
      js.add(fileName);
      const chunk = chunkOf(fileName);
      for (const next of chunk.imports) visit(next, followDynamic);
      if (!followDynamic) return;
      for (const next of chunk.dynamicImports) {
        if (!pageChunks.has(next) && next !== app.entry) visit(next, true);
      }
    };
    // The entry's own `import()`s are the pages: only this page's counts.
    visit(app.entry, false);
    visit(pageChunk, true);
    const css = new Set([...js].flatMap((fileName) => chunkOf(fileName).css));
    const jsGzipBytes = sum([...js].map((fileName) => chunkOf(fileName).gzipBytes));
    const cssGzipBytes = sum([...css].map((fileName) => app.cssGzipBytes[fileName] ?? 0));
    return {
      page,
      jsGzipBytes,
      cssGzipBytes,
      totalGzipBytes: jsGzipBytes + cssGzipBytes,
      files: [...js, ...css],
    };
  });
}

/** The pages heavier than `limitBytes`, each with a message naming it, its weight and the limit. */
export function overweightPages(
  weights: readonly PageWeight[],
  limitBytes: number,
): { page: string; message: string }[] {
  return weights
    .filter((weight) => weight.totalGzipBytes > limitBytes)
    .map((weight) => ({
      page: weight.page,
      message:
        `page ${weight.page} weighs ${kilobytes(weight.totalGzipBytes)} KB gzipped ` +
        `(JS ${kilobytes(weight.jsGzipBytes)} KB + CSS ${kilobytes(weight.cssGzipBytes)} KB), ` +
        `over the limit of ${kilobytes(limitBytes)} KB (1 KB = 1000 bytes)`,
    }));
}

/** The weights as a table for the build's output. */
export function weightTable(weights: readonly PageWeight[], limitBytes: number): string {
  const rows = weights.map((w) => [
    w.page,
    kilobytes(w.jsGzipBytes),
    kilobytes(w.cssGzipBytes),
    kilobytes(w.totalGzipBytes),
    w.totalGzipBytes > limitBytes ? 'OVER' : 'ok',
  ]);
  const header = ['page', 'JS gz KB', 'CSS gz KB', 'total gz KB', `limit ${kilobytes(limitBytes)}`];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** Bytes in kilobytes of 1000 bytes, two decimals (as Vite prints sizes). */
export function kilobytes(bytes: number): string {
  return (bytes / 1000).toFixed(2);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
