import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ReaderConfigError } from './errors.js';

/** The PEM certificate chain and private key the reader serves HTTPS with. */
export interface TlsFiles {
  readonly cert: Buffer;
  readonly key: Buffer;
}

/**
 * Reads `[server] tls_cert` (the certificate chain, and the key too unless `tls_key` is set, as
 * MeshView's `load_cert_chain`) and `tls_key`, and checks them before the server does, so that a
 * file that is missing, unreadable, not PEM, or a key that is not the certificate's stops the
 * start with a message naming the key, its value and what to do.
 *
 * @example
 * const https = server.tlsCert !== null ? readTlsFiles(server.tlsCert, server.tlsKey) : undefined;
 */
export function readTlsFiles(certFile: string, keyFile: string | null): TlsFiles {
  const cert = readPem('tls_cert', certFile);
  const keyKey = keyFile === null ? 'tls_cert' : 'tls_key';
  const key = keyFile === null ? cert : readPem('tls_key', keyFile);

  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(cert);
  } catch (cause) {
    throw new ReaderConfigError(
      `[server] tls_cert = ${certFile}: no PEM certificate in it (${reason(cause)}). Give the ` +
        `certificate chain in PEM form, starting with -----BEGIN CERTIFICATE-----`,
      { cause },
    );
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch (cause) {
    const where =
      keyFile === null
        ? 'Put the private key (PEM, unencrypted) in the same file after the chain, or in a ' +
          'file of its own named by [server] tls_key'
        : 'Give the private key in PEM form, unencrypted (-----BEGIN PRIVATE KEY-----)';
    throw new ReaderConfigError(
      `[server] ${keyKey} = ${keyFile ?? certFile}: no usable private key in it ` +
        `(${reason(cause)}). ${where}`,
      { cause },
    );
  }
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new ReaderConfigError(
      `[server] tls_cert = ${certFile}${keyFile === null ? '' : ` and tls_key = ${keyFile}`}: ` +
        `the private key does not belong to the certificate (${certificate.subject.replaceAll('\n', ', ')}). ` +
        `Give the key the certificate was issued for`,
    );
  }
  return { cert, key };
}

function readPem(key: 'tls_cert' | 'tls_key', file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
    const advice =
      code === 'EACCES'
        ? "Let the reader's user read the file (and enter its folders)"
        : code === 'EISDIR'
          ? 'Name a file, not a folder'
          : `Check the path (a relative one is read from ${resolve('.')})`;
    throw new ReaderConfigError(
      `[server] ${key} = ${file}: cannot read the file (${code}). ${advice}`,
      { cause },
    );
  }
}

function reason(cause: unknown): string {
  return (cause as Error).message ?? String(cause);
}
