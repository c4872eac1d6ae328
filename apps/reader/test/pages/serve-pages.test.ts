import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '#test/databases.js';
import { buildReader, type ReaderUnderTest } from '../support/reader-app.js';
import { FIXTURE, writeWebFixture } from './web-fixture.js';

const INI = `
[site]
map_tile_url = https://{s}.tiles.example.org/{z}/{x}/{y}.png
map_tile_urls = [{"name": "Topo", "url": "https://topo.example.net/{z}/{x}/{y}.png"}]
`;

const PAGE_PATHS = [
  '/nodelist',
  '/node/2882400001',
  '/node/!abcdef01',
  '/packet/42',
  '/map',
  '/kiosk',
  '/chat',
  '/net',
  '/stats',
  '/top',
];
// Not pages (yet): the app shows its 404 page, with status 404.
const UNKNOWN_PATHS = [
  '/nope',
  '/node',
  '/node/1/more',
  '/no-such-page',
  '/assets',
  '/.env',
  '/healthz',
];

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `the reader serves the web app on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      let reader: ReaderUnderTest;
      let index: string;
      beforeAll(async () => {
        reader = await buildReader(dialect, {
          name: 'serve_pages',
          ini: INI,
          webDir: writeWebFixture(),
        });
        index = (await reader.app.inject('/nodelist')).body;
      });
      afterAll(async () => reader?.close());

      it('answers every page path with index.html, its <base href> at the root, not cached', async () => {
        expect(index).toContain('<base href="/" />');
        expect(index).toContain(`src="./${FIXTURE.script}"`);
        for (const path of [...PAGE_PATHS, '/nodelist/', '/node/5/']) {
          const answer = await reader.app.inject(path);
          expect(answer.statusCode, path).toBe(200);
          expect(answer.headers['content-type'], path).toBe('text/html; charset=utf-8');
          expect(answer.headers['cache-control'], path).toBe('no-cache');
          expect(answer.body, path).toBe(index);
        }
      });

      it('answers every other path outside /api with index.html and 404, for the app to show its 404 page', async () => {
        for (const path of UNKNOWN_PATHS) {
          const answer = await reader.app.inject(`${path}?x=1`);
          expect(answer.statusCode, path).toBe(404);
          expect(answer.headers['content-type'], path).toBe('text/html; charset=utf-8');
          expect(answer.body, path).toBe(index);
          const head = await reader.app.inject({ method: 'HEAD', url: path });
          expect(head.statusCode, path).toBe(404);
          expect(head.body, path).toBe('');
        }
        // Other methods on unknown paths keep the JSON 404.
        const post = await reader.app.inject({ method: 'POST', url: '/nope' });
        expect(post.statusCode).toBe(404);
        expect(post.json()).toEqual({ error: 'not found', reason: 'no route POST /nope' });
      });

      it('keeps the JSON 404 for unknown /api paths and the other routes as they are', async () => {
        for (const path of ['/api', '/api/nope', '/api/nodes/extra']) {
          const answer = await reader.app.inject(path);
          expect(answer.statusCode, path).toBe(404);
          expect(answer.json(), path).toEqual({
            error: 'not found',
            reason: `no route GET ${path}`,
          });
        }
        for (const path of ['/health', '/ready', '/version', '/api/nodes', '/api/openapi.json']) {
          const answer = await reader.app.inject(path);
          expect(answer.statusCode, path).toBe(200);
          expect(answer.headers['content-type'], path).toMatch(/^application\/json/);
        }
        // The pages are not API routes: the OpenAPI document leaves them out.
        const document = (await reader.app.inject('/api/openapi.json')).json<{
          paths: Record<string, unknown>;
        }>();
        const paths = Object.keys(document.paths);
        expect(paths.filter((path) => !path.startsWith('/api/'))).toEqual([
          '/health',
          '/ready',
          '/version',
        ]);
      });

      it('sends a Content-Security-Policy of its own origin and the tile servers, nosniff and a referrer policy with each page', async () => {
        for (const path of ['/nodelist', '/nope']) {
          const { headers } = await reader.app.inject(path);
          const policy = String(headers['content-security-policy']);
          expect(policy.split('; ')).toEqual([
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "style-src-elem 'self'",
            "img-src 'self' data: blob: https://*.tiles.example.org https://topo.example.net",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
          ]);
          expect(headers['x-content-type-options']).toBe('nosniff');
          expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
        }
      });

      it('redirects / to [site] starting, or /nodelist while that page does not exist, and /packet_list/{id} to /node/{id}', async () => {
        // The default `starting` is MeshView's /map.
        for (const path of ['/', '/?x=1']) {
          const answer = await reader.app.inject(path);
          expect(answer.statusCode, path).toBe(302);
          expect(answer.headers.location, path).toBe('/map');
        }
        const list = await reader.app.inject('/packet_list/2882400001');
        expect(list.statusCode).toBe(302);
        expect(list.headers.location).toBe('/node/2882400001');
        const odd = await reader.app.inject('/packet_list/a%20b');
        expect(odd.headers.location).toBe('/node/a%20b');
      });

      it('answers 405 with Allow to other methods on page paths, as the API does', async () => {
        for (const path of [
          '/',
          '/nodelist',
          '/node/1',
          '/packet_list/1',
          `/${FIXTURE.script}`,
          `/${FIXTURE.favicon}`,
        ]) {
          for (const method of ['POST', 'DELETE', 'PUT'] as const) {
            const answer = await reader.app.inject({ method, url: path });
            expect(answer.statusCode, `${method} ${path}`).toBe(405);
            expect(answer.headers.allow, path).toBe('GET, HEAD');
            expect(answer.json<{ error: string }>().error).toBe('method not allowed');
          }
        }
      });

      it('serves the built files with their types; hashed assets cached for a year, others revalidated', async () => {
        const cases = [
          [FIXTURE.script, 'text/javascript; charset=utf-8', FIXTURE.scriptText],
          [FIXTURE.style, 'text/css; charset=utf-8', FIXTURE.styleText],
          [FIXTURE.favicon, 'image/svg+xml', FIXTURE.faviconText],
        ] as const;
        for (const [name, type, text] of cases) {
          const answer = await reader.app.inject(`/${name}`);
          expect(answer.statusCode, name).toBe(200);
          expect(answer.headers['content-type'], name).toBe(type);
          expect(answer.headers['content-encoding'], name).toBeUndefined();
          expect(answer.headers['x-content-type-options'], name).toBe('nosniff');
          expect(answer.body, name).toBe(text);
        }
        expect((await reader.app.inject(`/${FIXTURE.script}`)).headers['cache-control']).toBe(
          'public, max-age=31536000, immutable',
        );
        expect((await reader.app.inject(`/${FIXTURE.favicon}`)).headers['cache-control']).toBe(
          'no-cache',
        );
        const image = await reader.app.inject({
          url: `/${FIXTURE.image}`,
          headers: { 'accept-encoding': 'gzip, br' },
        });
        expect(image.headers['content-type']).toBe('image/png');
        expect(image.headers['content-encoding']).toBeUndefined();
        expect(image.headers.vary).toBeUndefined();
        expect(image.rawPayload.equals(FIXTURE.imageBytes)).toBe(true);
        const missing = await reader.app.inject('/assets/index-Nope.js');
        expect(missing.statusCode).toBe(404);
        expect(missing.json()).toEqual({
          error: 'not found',
          reason: 'no file assets/index-Nope.js',
        });
      });

      it('compresses text by Accept-Encoding: brotli, else gzip, else none, and says it varies', async () => {
        const url = `/${FIXTURE.script}`;
        const get = (acceptEncoding: string) =>
          reader.app.inject({ url, headers: { 'accept-encoding': acceptEncoding } });
        const br = await get('gzip, deflate, br');
        expect(br.headers['content-encoding']).toBe('br');
        expect(br.headers.vary).toBe('accept-encoding');
        expect(Number(br.headers['content-length'])).toBeLessThan(FIXTURE.scriptText.length / 5);
        expect(brotliDecompressSync(br.rawPayload).toString()).toBe(FIXTURE.scriptText);
        for (const header of ['gzip', 'br;q=0, gzip', 'gzip;q=1, br;q=0.5', 'x-gzip, gzip;q=0.1']) {
          const gz = await get(header);
          expect(gz.headers['content-encoding'], header).toBe('gzip');
          expect(gunzipSync(gz.rawPayload).toString(), header).toBe(FIXTURE.scriptText);
        }
        for (const header of ['identity', 'deflate', '*;q=0', 'br;q=0, gzip;q=0']) {
          const plain = await get(header);
          expect(plain.headers['content-encoding'], header).toBeUndefined();
          expect(plain.headers.vary, header).toBe('accept-encoding');
          expect(plain.body, header).toBe(FIXTURE.scriptText);
        }
        expect((await get('*')).headers['content-encoding']).toBe('br');
        // The page too.
        const page = await reader.app.inject({
          url: '/nodelist',
          headers: { 'accept-encoding': 'gzip' },
        });
        expect(page.headers['content-encoding']).toBe('gzip');
        expect(gunzipSync(page.rawPayload).toString()).toBe(index);
      });

      it('answers If-None-Match with 304 and no body, per representation', async () => {
        const url = `/${FIXTURE.script}`;
        const first = await reader.app.inject({ url, headers: { 'accept-encoding': 'br' } });
        const etag = String(first.headers.etag);
        expect(etag).toMatch(/^"[\w-]+"$/);
        const plain = await reader.app.inject(url);
        expect(plain.headers.etag).not.toBe(etag);
        for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
          const again = await reader.app.inject({
            url,
            headers: { 'accept-encoding': 'br', 'if-none-match': ifNoneMatch },
          });
          expect(again.statusCode, ifNoneMatch).toBe(304);
          expect(again.body, ifNoneMatch).toBe('');
          expect(again.headers.etag).toBe(etag);
          expect(again.headers['cache-control']).toBe('public, max-age=31536000, immutable');
          expect(again.headers.vary).toBe('accept-encoding');
        }
        // The identity representation's tag does not match the brotli one.
        const other = await reader.app.inject({
          url,
          headers: { 'accept-encoding': 'br', 'if-none-match': String(plain.headers.etag) },
        });
        expect(other.statusCode).toBe(200);
        // Pages revalidate; the 404 page is never "not modified".
        const page = await reader.app.inject('/nodelist');
        const tag = String(page.headers.etag);
        const cached = await reader.app.inject({
          url: '/node/5',
          headers: { 'if-none-match': tag },
        });
        expect(cached.statusCode).toBe(304);
        expect(cached.headers['content-security-policy']).toBeDefined();
        const unknown = await reader.app.inject({
          url: '/nope',
          headers: { 'if-none-match': tag },
        });
        expect(unknown.statusCode).toBe(404);
        expect(unknown.body).toBe(index);
      });

      it('answers HEAD with the headers of GET and no body', async () => {
        for (const [url, acceptEncoding] of [
          ['/nodelist', 'identity'],
          ['/nodelist', 'br'],
          [`/${FIXTURE.script}`, 'gzip'],
          [`/${FIXTURE.image}`, 'br'],
        ] as const) {
          const headers = { 'accept-encoding': acceptEncoding };
          const get = await reader.app.inject({ url, headers });
          const head = await reader.app.inject({ method: 'HEAD', url, headers });
          expect(head.statusCode, url).toBe(200);
          expect(head.body, url).toBe('');
          for (const name of [
            'content-type',
            'content-length',
            'content-encoding',
            'etag',
            'cache-control',
            'vary',
          ]) {
            expect(head.headers[name], `${url} ${name}`).toEqual(get.headers[name]);
          }
          expect(Number(head.headers['content-length'])).toBe(get.rawPayload.length);
        }
        const redirect = await reader.app.inject({ method: 'HEAD', url: '/' });
        expect(redirect.statusCode).toBe(302);
        expect(redirect.headers.location).toBe('/map');
      });
    },
  );
}
