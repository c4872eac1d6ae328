import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSelfSignedCertificate } from '#test/tls.js';
import { makeTempDir } from '#test/tmp.js';
import { buildReader } from './support/reader-app.js';
import { stringMatching } from './support/typed-matchers.js';

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
    makeSelfSignedCertificate(certFile, keyFile);
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

  it("stops the start naming the key, the file and what to do when a file is missing, not PEM, or the key is not the certificate's", async () => {
    const otherKey = join(dir, 'other-key.pem');
    execFileSync(
      'openssl',
      ['genpkey', '-algorithm', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', otherKey],
      { stdio: 'ignore' },
    );
    const cases: [string, string, RegExp][] = [
      [
        'a missing certificate file',
        `[server]\ntls_cert = ${dir}/nope.pem\n`,
        /^\[server\] tls_cert = .*\/nope\.pem: cannot read the file \(ENOENT\)\. Check the path/,
      ],
      [
        'a missing key file',
        `[server]\ntls_cert = ${certFile}\ntls_key = ${dir}/nokey.pem\n`,
        /^\[server\] tls_key = .*\/nokey\.pem: cannot read the file \(ENOENT\)/,
      ],
      [
        'a folder',
        `[server]\ntls_cert = ${dir}\n`,
        /^\[server\] tls_cert = .*: cannot read the file \(EISDIR\)\. Name a file, not a folder/,
      ],
      [
        'a key where the certificate should be',
        `[server]\ntls_cert = ${keyFile}\ntls_key = ${keyFile}\n`,
        /^\[server\] tls_cert = .*\/key\.pem: no PEM certificate in it \(.*\)\. Give the certificate chain in PEM form/,
      ],
      [
        'a certificate where the key should be',
        `[server]\ntls_cert = ${certFile}\ntls_key = ${certFile}\n`,
        /^\[server\] tls_key = .*\/cert\.pem: no usable private key in it \(.*\)\. Give the private key in PEM form/,
      ],
      [
        "one file without the key (MeshView's form)",
        `[server]\ntls_cert = ${certFile}\n`,
        /^\[server\] tls_cert = .*\/cert\.pem: no usable private key in it \(.*\)\. Put the private key .* or in a file of its own named by \[server\] tls_key/,
      ],
      [
        "another certificate's key",
        `[server]\ntls_cert = ${certFile}\ntls_key = ${otherKey}\n`,
        /^\[server\] tls_cert = .*\/cert\.pem and tls_key = .*\/other-key\.pem: the private key does not belong to the certificate \(CN=localhost\)\. Give the key the certificate was issued for$/,
      ],
    ];
    for (const [what, ini, message] of cases) {
      await expect(buildReader('sqlite', { name: 'tls_bad', ini }), what).rejects.toMatchObject({
        code: 'READER_CONFIG_INVALID',
        message: stringMatching(message),
      });
    }
  });
});
