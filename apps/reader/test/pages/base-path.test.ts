import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '#test/databases.js';
import { buildReader, type ReaderUnderTest } from '../support/reader-app.js';
import { FIXTURE, writeWebFixture } from './web-fixture.js';

const INI = `
[server]
base_path = /mesh/view/
[site]
starting = /packet/7?x=1
`;

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `the web app under [server] base_path on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      let reader: ReaderUnderTest;
      beforeAll(async () => {
        reader = await buildReader(dialect, {
          name: 'pages_base_path',
          ini: INI,
          webDir: writeWebFixture(),
        });
      });
      afterAll(async () => reader?.close());

      it('serves the pages under the prefix, with <base href> set to it', async () => {
        for (const path of ['/nodelist', '/node/1', '/packet/2']) {
          const answer = await reader.app.inject(`/mesh/view${path}`);
          expect(answer.statusCode, path).toBe(200);
          expect(answer.body, path).toContain('<base href="/mesh/view/" />');
          expect(answer.body, path).not.toContain('<base href="/" />');
        }
        const script = await reader.app.inject(`/mesh/view/${FIXTURE.script}`);
        expect(script.statusCode).toBe(200);
        expect(script.body).toBe(FIXTURE.scriptText);
      });

      it('answers unknown paths under the prefix with the app and 404; outside it, JSON 404 as before', async () => {
        for (const path of ['/mesh/view/nope', '/mesh/view/no-such-page', '/mesh/view/node']) {
          const answer = await reader.app.inject(path);
          expect(answer.statusCode, path).toBe(404);
          expect(answer.body, path).toContain('<base href="/mesh/view/" />');
        }
        for (const path of [
          '/nodelist',
          '/',
          `/${FIXTURE.script}`,
          '/mesh',
          '/mesh/viewer/nodelist',
          '/mesh/view/api/nope',
        ]) {
          const answer = await reader.app.inject(path);
          expect(answer.statusCode, path).toBe(404);
          expect(answer.json(), path).toEqual({
            error: 'not found',
            reason: `no route GET ${path}`,
          });
        }
      });

      it('redirects the prefix to [site] starting (a page, with its query) and /packet_list/{id} under it', async () => {
        for (const path of ['/mesh/view', '/mesh/view/']) {
          const answer = await reader.app.inject(path);
          expect(answer.statusCode, path).toBe(302);
          expect(answer.headers.location, path).toBe('/mesh/view/packet/7?x=1');
        }
        const list = await reader.app.inject('/mesh/view/packet_list/99');
        expect(list.statusCode).toBe(302);
        expect(list.headers.location).toBe('/mesh/view/node/99');
      });
    },
  );
}
