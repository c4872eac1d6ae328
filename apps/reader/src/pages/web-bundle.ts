import { readdir, readFile, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentTypeOf } from './content-type.js';
import { makeStaticFile, type StaticFile } from './static-file.js';

/** Where `npm run build -w @meshview/web` puts the app: `apps/web/dist`, from `apps/reader/{src,dist}/pages`. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** The built web app, in memory: read once at start, never from disk per request. */
export interface WebBundle {
  /** `index.html`, its `<base href>` set to the base path: the answer to every page path. */
  readonly index: StaticFile;
  /** Every other file by its path in the build, `/`-separated: `assets/index-C2T3.js`. */
  readonly files: ReadonlyMap<string, StaticFile>;
}

/**
 * Reads the built app in `dir` into memory, with `index.html`'s `<base href>` pointing at
 * `basePath` (`''` for the root) so that one build serves any `[server] base_path`; `null` when
 * `dir` has no `index.html` (the app is not built). Dot files are left out.
 */
export async function loadWebBundle(dir: string, basePath: string): Promise<WebBundle | null> {
  let html: string;
  try {
    html = await readFile(join(dir, 'index.html'), 'utf8');
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  const index = await makeStaticFile(
    Buffer.from(withBaseHref(html, basePath)),
    contentTypeOf('index.html'),
  );
  const names = (await readdir(dir, { recursive: true })).filter(
    (name) => name !== 'index.html' && !name.split(sep).some((part) => part.startsWith('.')),
  );
  const files = new Map<string, StaticFile>();
  // Two files at a time: each compression holds its encoders' windows and tables, and all the
  // files at once took the reader's start to 230 MB of memory, for no gain on two cores.
  const queue = [...names];
  const lane = async (): Promise<void> => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const path = join(dir, name);
      if (!(await stat(path)).isFile()) continue;
      files.set(
        name.split(sep).join('/'),
        await makeStaticFile(await readFile(path), contentTypeOf(name)),
      );
    }
  };
  await Promise.all([lane(), lane()]);
  return { index, files };
}

/**
 * `html` with its `<base href>` set to `basePath` + `/` (inserted at the start of `<head>` when
 * the build has none): the app's relative asset and API URLs then resolve under the prefix on
 * every page, however deep its path.
 *
 * @example
 * withBaseHref('<head><base href="/" /></head>', '/meshview') // '<head><base href="/meshview/" /></head>'
 */
export function withBaseHref(html: string, basePath: string): string {
  const tag = `<base href="${escapeAttribute(basePath)}/" />`;
  const existing = /<base\b[^>]*>/i;
  if (existing.test(html)) return html.replace(existing, () => tag);
  return html.replace(/<head\b[^>]*>/i, (head) => `${head}${tag}`);
}

function escapeAttribute(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
