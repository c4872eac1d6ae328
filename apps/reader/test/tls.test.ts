import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/support/tmp.js';
import { buildReader } from './support/reader-app.js';

/** A GET over HTTPS that trusts only `ca`; resolves with the status and the body. */
function httpsGet(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, servername: 'localhost' }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject).end();
  });
}

describe('[server] tls_cert and tls_key', () => {
  const dir = makeTempDir('reader-tls');
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  const bothFile = join(dir, 'both.pem');
  beforeAll(() => {
    // A self-signed certificate for localhost, made for this test.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    writeFileSync(bothFile, readFileSync(certFile, 'utf8') + readFileSync(keyFile, 'utf8'));
  });

  for (const [what, ini] of [
    [
      "one PEM with chain and key (MeshView's tls_cert)",
      () => `[server]\ntls_cert = ${bothFile}\n`,
    ],
    [
      'a certificate and a separate key',
      () => `[server]\ntls_cert = ${certFile}\ntls_key = ${keyFile}\n`,
    ],
  ] as const) {
    it(`serves HTTPS on a real socket from ${what}`, async () => {
      const reader = await buildReader('sqlite', { name: 'tls', ini: ini() });
      try {
        const address = await reader.app.listen({ host: '127.0.0.1', port: 0 });
        expect(address).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
        const port = new URL(address).port;
        const answer = await httpsGet(`https://localhost:${port}/version`, readFileSync(certFile));
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.body)).toHaveProperty('version');
        // Plain HTTP on the TLS port gets no answer.
        await expect(fetch(`http://127.0.0.1:${port}/version`)).rejects.toThrow();
      } finally {
        await reader.close();
      }
    });
  }

  it('stops the start naming the setting when a file is missing or not a key', async () => {
    await expect(
      buildReader('sqlite', { name: 'tls_missing', ini: `[server]\ntls_cert = ${dir}/nope.pem\n` }),
    ).rejects.toMatchObject({
      code: 'READER_CONFIG_INVALID',
      message: expect.stringMatching(
        /^\[server\] tls_cert = .*nope\.pem: cannot read the file \(ENOENT\)/,
      ),
    });
    await expect(
      buildReader('sqlite', {
        name: 'tls_bad_key',
        ini: `[server]\ntls_cert = ${certFile}\ntls_key = ${certFile}\n`,
      }),
    ).rejects.toMatchObject({
      code: 'READER_CONFIG_INVALID',
      message: expect.stringMatching(
        /^\[server\] tls_cert \/ tls_key: not a usable certificate and key/,
      ),
    });
  });
});
