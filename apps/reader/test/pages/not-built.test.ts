import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '#test/databases.js';
import { makeTempDir } from '#test/tmp.js';
import { buildReader, type ReaderUnderTest } from '../support/reader-app.js';

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `a reader whose web app is not built on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      let reader: ReaderUnderTest;
      const lines: Record<string, unknown>[] = [];
      const webDir = join(makeTempDir('web-missing'), 'dist');
      beforeAll(async () => {
        const logger = pino(
          { level: 'info' },
          { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
        );
        reader = await buildReader(dialect, { name: 'pages_not_built', webDir, logger });
      });
      afterAll(async () => reader?.close());

      it('starts, serves the API, and answers page paths 503 saying to build', async () => {
        expect((await reader.app.inject('/api/nodes')).statusCode).toBe(200);
        expect((await reader.app.inject('/health')).statusCode).toBe(200);
        for (const path of ['/nodelist', '/node/1', '/packet/2']) {
          const answer = await reader.app.inject(path);
          expect(answer.statusCode, path).toBe(503);
          expect(answer.headers['content-type'], path).toBe('text/plain; charset=utf-8');
          expect(answer.body, path).toContain('npm run build');
        }
        // The redirects need no build; unknown paths and files have nothing to show.
        expect((await reader.app.inject('/')).headers.location).toBe('/map');
        for (const path of ['/nope', '/assets/index-x.js']) {
          expect((await reader.app.inject(path)).statusCode, path).toBe(404);
        }
      });

      it('warns once at start, naming the folder', async () => {
        await reader.app.inject('/nodelist');
        const warnings = lines.filter((line) => line.level === 40);
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toMatchObject({ dir: webDir });
        expect(String(warnings[0]!.msg)).toContain('npm run build');
      });
    },
  );
}
