import type { FastifyReply, FastifyRequest } from 'fastify';
import { isPagePath } from '@meshview/api/pages';
import type { Logger } from '@meshview/log';
import { pageSecurityHeaders } from './page-security-headers.js';
import { sendStaticFile } from './send-static-file.js';
import { loadWebBundle, type WebBundle } from './web-bundle.js';

/** What {@link WebPages.load} reads. */
export interface WebPagesProps {
  /** The built app (`apps/web/dist`). */
  readonly dir: string;
  /** `[server] base_path`: `''` or `/prefix`. */
  readonly basePath: string;
  /** `[site] map_tile_url` and `map_tile_urls`, whose servers the pages may load images from. */
  readonly mapTileUrls: readonly string[];
  readonly logger: Logger;
}

/** Hashed file names never change content: a year, and no revalidation. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** `index.html` (and unhashed files) may change with any release: revalidate each time. */
const REVALIDATE = 'no-cache';

const NOT_BUILT =
  "MeshView's web pages are not built: run `npm run build` (or `npm install`) in the " +
  'project folder, then restart the reader. The JSON API is served meanwhile (api/nodes).\n';

/**
 * The web app as the reader serves it: `index.html` for page paths (200) and for every other
 * non-API path (404: the app shows its not-found page), its files, and 503 for pages while the
 * app is not built (the API works without it).
 */
export class WebPages {
  readonly #bundle: WebBundle | null;
  readonly #basePath: string;
  readonly #headers: Readonly<Record<string, string>>;

  private constructor(bundle: WebBundle | null, props: WebPagesProps) {
    this.#bundle = bundle;
    this.#basePath = props.basePath;
    this.#headers = pageSecurityHeaders(props.mapTileUrls);
  }

  /** Reads the built app into memory; warns once when it is not built. */
  static async load(props: WebPagesProps): Promise<WebPages> {
    const bundle = await loadWebBundle(props.dir, props.basePath);
    if (bundle === null) {
      props.logger.warn(
        { dir: props.dir },
        'the web pages are not built (no index.html): pages answer 503 until `npm run build` ' +
          'and a restart; the API is served',
      );
    }
    return new WebPages(bundle, props);
  }

  /** Whether the app is built (and pages are served). */
  get built(): boolean {
    return this.#bundle !== null;
  }

  /** The paths of the built files other than `index.html` (`assets/…` included). */
  get fileNames(): readonly string[] {
    return [...(this.#bundle?.files.keys() ?? [])];
  }

  /** Answers a page path: the app, 200 (503 while it is not built). */
  answerPage(request: FastifyRequest, reply: FastifyReply, status = 200): FastifyReply {
    if (this.#bundle === null) {
      return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
    }
    return sendStaticFile(request, reply, this.#bundle.index, {
      status,
      cacheControl: REVALIDATE,
      headers: this.#headers,
    });
  }

  /**
   * Answers a built file by its path in the build (`assets/index-C2T3.js`), or 404 when there is
   * none: only files read at start are ever served, so no path can reach outside the build.
   */
  answerFile(request: FastifyRequest, reply: FastifyReply, name: string): FastifyReply {
    const file = this.#bundle?.files.get(name);
    if (file === undefined) {
      return reply.code(404).send({ error: 'not found', reason: `no file ${name.slice(0, 200)}` });
    }
    return sendStaticFile(request, reply, file, {
      cacheControl: name.startsWith('assets/') ? IMMUTABLE : REVALIDATE,
    });
  }

  /**
   * The answer to a GET or HEAD no route takes, under the base path and outside `/api`: the app
   * with 404, so that it shows its not-found page (or 200 for a page path that differs from the
   * routes' only by a trailing `/`, which the app's router shows as the page). `undefined` for
   * everything else, which the caller answers with its JSON 404.
   */
  answerUnknownPath(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
    if (this.#bundle === null) return undefined;
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const path = request.url.split('?', 1)[0]!;
    if (!path.startsWith(`${this.#basePath}/`)) return undefined;
    const inApp = path.slice(this.#basePath.length);
    if (inApp === '/api' || inApp.startsWith('/api/')) return undefined;
    return this.answerPage(request, reply, isPage(inApp) ? 200 : 404);
  }
}

/** Whether `path` is a page, a malformed percent-encoding being none. */
function isPage(path: string): boolean {
  try {
    return isPagePath(path);
  } catch {
    return false;
  }
}
