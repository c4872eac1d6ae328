import { execFileSync } from 'node:child_process';

/**
 * Writes a self-signed EC certificate for `localhost` (and 127.0.0.1), valid for a day, and its
 * unencrypted key, with openssl.
 *
 * @example makeSelfSignedCertificate(join(dir, 'cert.pem'), join(dir, 'key.pem'));
 */
export function makeSelfSignedCertificate(certFile: string, keyFile: string): void {
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
}
