import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WEB_DIR } from '../../src/pages/web-bundle.js';
import { buildReader, type ReaderUnderTest } from '../support/reader-app.js';

const built = existsSync(join(DEFAULT_WEB_DIR, 'index.html'));

describe.skipIf(!built)(
  `the real build of apps/web${built ? '' : ' (not built: npm run build)'}`,
  () => {
    let reader: ReaderUnderTest;
    beforeAll(async () => {
      reader = await buildReader('sqlite', {
        name: 'pages_real_build',
        ini: '[server]\nbase_path = /meshview\n',
      });
    });
    afterAll(async () => reader?.close());

    it('is served by default, every file it links to resolving under the base path', async () => {
      const page = await reader.app.inject('/meshview/node/42');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<base href="/meshview/" />');
      const links = [...page.body.matchAll(/(?:src|href)="(\.\/[^"]+)"/g)].map(
        (match) => match[1]!,
      );
      expect(links.some((link) => link.endsWith('.js'))).toBe(true);
      for (const link of links) {
        const url = new URL(link, 'http://reader.test/meshview/').pathname;
        const answer = await reader.app.inject({ url, headers: { 'accept-encoding': 'br' } });
        expect(answer.statusCode, url).toBe(200);
        expect(answer.headers['content-type'], url).toMatch(/^(text\/javascript|text\/css)/);
        expect(answer.headers['content-encoding'], url).toBe('br');
        expect(answer.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
      }
    });
  },
);
