import type { FastifyPluginCallback } from 'fastify';
import { isPagePath, PAGES } from '@meshview/api/pages';
import type { WebPages } from '../pages/web-pages.js';

/** What the page routes are given. */
export interface PageRoutesOptions {
  readonly pages: WebPages;
  /** `[server] base_path`: `''` or `/prefix`, for the redirects' targets. */
  readonly basePath: string;
  /** `[site] starting`: where `/` sends a visitor. */
  readonly starting: string;
}

/** Page routes are not part of the JSON API's OpenAPI document. */
const HIDDEN = { schema: { hide: true } } as const;

/**
 * The web app's routes: each page of `PAGES` (the app, 200), its built files (`/assets/*`,
 * hashed and cached for a year; anything else at its own path), and MeshView's redirects: `/` to
 * `[site] starting` (`/nodelist` when that is no page) and `/packet_list/{id}` to
 * `/node/{id}`. Every other path outside `/api` is answered by the not-found handler with the app
 * and 404 ({@link WebPages.answerUnknownPath}). Register after the API routes.
 */
export const pageRoutes: FastifyPluginCallback<PageRoutesOptions> = (
  app,
  { pages, basePath, starting },
  done,
) => {
  const home = `${basePath}${startingPage(starting)}`;
  app.get('/', HIDDEN, async (_request, reply) => reply.redirect(home, 302));
  app.get<{ Params: { id: string } }>('/packet_list/:id', HIDDEN, async (request, reply) =>
    reply.redirect(`${basePath}/node/${encodeURIComponent(request.params.id)}`, 302),
  );
  for (const page of PAGES) {
    app.get(page.path, HIDDEN, async (request, reply) => pages.answerPage(request, reply));
  }
  app.get<{ Params: { '*': string } }>('/assets/*', HIDDEN, async (request, reply) =>
    pages.answerFile(request, reply, `assets/${request.params['*']}`),
  );
  // Files beside index.html (Vite's `public/`), at their paths; a name the router would read as
  // a pattern (`:`, `*`) or that needs percent-encoding is not served.
  for (const name of pages.fileNames) {
    if (name.startsWith('assets/') || !/^[\w.-]+(?:\/[\w.-]+)*$/.test(name)) continue;
    app.get(`/${name}`, HIDDEN, async (request, reply) => pages.answerFile(request, reply, name));
  }
  done();
};

/**
 * Where `/` goes: `[site] starting` when it is a page (MeshView's default is `/map`), else the
 * node list. A query string is kept; characters a `Location` header cannot carry
 * are percent-encoded.
 */
export function startingPage(starting: string): string {
  const url = new URL(starting.startsWith('/') ? starting : `/${starting}`, 'http://reader');
  try {
    if (isPagePath(url.pathname)) return `${url.pathname}${url.search}`;
  } catch {
    // A malformed percent-encoding is no page.
  }
  return '/nodelist';
}
