import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '#test/databases.js';
import { buildReader, type ReaderUnderTest } from '../support/reader-app.js';
import { FIXTURE, writeWebFixture } from './web-fixture.js';

/** A request written byte for byte (no client normalises its path), and the answer's status and text. */
async function rawGet(port: number, target: string): Promise<{ status: number; text: string }> {
  const socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  await new Promise<void>((resolve, reject) => {
    socket.on('end', resolve);
    socket.on('error', reject);
  });
  const text = Buffer.concat(chunks).toString('latin1');
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]), text };
}

const TRAVERSALS = [
  '/assets/../../secret.txt',
  '/assets/../../../package.json',
  '/assets/%2e%2e/%2e%2e/secret.txt',
  '/assets/%2E%2E%2F%2E%2E%2Fsecret.txt',
  '/assets/..%2f..%2fsecret.txt',
  '/assets/..%5c..%5csecret.txt',
  '/assets/..\\..\\secret.txt',
  '/assets/%252e%252e/%252e%252e/secret.txt',
  '/assets/.%2e/.%2e/secret.txt',
  '/assets/..%00/secret.txt',
  '/../secret.txt',
  '/%2e%2e/secret.txt',
  '/assets/../.env',
  '/assets/%2e%2e%2f.env',
  '/.env',
  `/assets/${'../'.repeat(12)}etc/passwd`,
  '/assets//etc/passwd',
];

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `the web app over real HTTP on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      let reader: ReaderUnderTest;
      let port: number;
      beforeAll(async () => {
        reader = await buildReader(dialect, { name: 'pages_http', webDir: writeWebFixture() });
        await reader.app.listen({ host: '127.0.0.1', port: 0 });
        port = (reader.app.server.address() as AddressInfo).port;
      });
      afterAll(async () => reader?.close());

      it('never answers a file outside the build, whatever the path spells', async () => {
        for (const target of TRAVERSALS) {
          const { status, text } = await rawGet(port, target);
          expect([400, 404], target).toContain(status);
          for (const secret of [FIXTURE.secretText, FIXTURE.dotFileText, '"workspaces"', 'root:']) {
            expect(text, target).not.toContain(secret);
          }
        }
        // The same client serves the build's files.
        const asset = await rawGet(port, `/${FIXTURE.script}`);
        expect(asset.status).toBe(200);
        expect(asset.text).toContain(FIXTURE.scriptText);
      });

      it('serves pages, files and redirects to a real client, compressed as it asks', async () => {
        const base = `http://127.0.0.1:${port}`;
        const root = await fetch(`${base}/`, { redirect: 'manual' });
        expect(root.status).toBe(302);
        expect(root.headers.get('location')).toBe('/map');
        const page = await fetch(`${base}/nodelist`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('<base href="/" />');
        // fetch decodes what it gets.
        const script = await fetch(`${base}/${FIXTURE.script}`, {
          headers: { 'accept-encoding': 'br, gzip' },
        });
        expect(script.headers.get('content-encoding')).toBe('br');
        expect(await script.text()).toBe(FIXTURE.scriptText);
        const missing = await fetch(`${base}/no/such/page`);
        expect(missing.status).toBe(404);
        expect(missing.headers.get('content-type')).toBe('text/html; charset=utf-8');
        const tag = page.headers.get('etag')!;
        const again = await fetch(`${base}/nodelist`, { headers: { 'if-none-match': tag } });
        expect(again.status).toBe(304);
      });
    },
  );
}
