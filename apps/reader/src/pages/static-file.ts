import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Encoding } from './accept-encoding.js';
import { isCompressible } from './content-type.js';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** One representation of a file: its bytes and their strong `ETag`. */
export interface Representation {
  readonly body: Buffer;
  readonly etag: string;
}

/** A file the reader serves from memory, with compressed variants when they are smaller. */
export interface StaticFile {
  readonly contentType: string;
  readonly identity: Representation;
  readonly encoded: Readonly<Partial<Record<Encoding, Representation>>>;
}

/**
 * A file ready to serve: its ETag (a hash of its bytes, one per coding, as RFC 9110 wants for
 * strong validators), and for text its brotli and gzip variants, kept only where smaller.
 */
export async function makeStaticFile(body: Buffer, contentType: string): Promise<StaticFile> {
  const digest = createHash('sha256').update(body).digest('base64url');
  const hash = digest.slice(0, 22);
  const encoded: Partial<Record<Encoding, Representation>> = {};
  if (isCompressible(contentType)) {
    let compressing = COMPRESSED.get(digest);
    if (compressing === undefined) {
      compressing = compress(body);
      COMPRESSED.set(digest, compressing);
    }
    const { br, gzip } = await compressing;
    if (br.length < body.length) encoded.br = { body: br, etag: `"${hash}-br"` };
    if (gzip.length < body.length) encoded.gzip = { body: gzip, etag: `"${hash}-gz"` };
  }
  return { contentType, identity: { body, etag: `"${hash}"` }, encoded };
}

/**
 * Compressed variants by the SHA-256 of their bytes: an app built twice in one process (tests
 * build dozens) compresses the same megabyte of JavaScript once. A pure function's memo, so a
 * module-level map; it holds what the apps serve anyway.
 */
const COMPRESSED = new Map<string, Promise<{ readonly br: Buffer; readonly gzip: Buffer }>>();

/**
 * Brotli at quality 9 rather than 11: about 10% larger and some 12 times faster, which keeps the
 * reader's start well under a second with a megabyte of JavaScript. Both run on libuv's threads.
 */
async function compress(body: Buffer): Promise<{ readonly br: Buffer; readonly gzip: Buffer }> {
  const [br, gz] = await Promise.all([
    brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 9,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        // A window no larger than the file: brotli's default (4 MB) costs its memory whatever
        // the file's size.
        [constants.BROTLI_PARAM_LGWIN]: Math.min(
          constants.BROTLI_MAX_WINDOW_BITS,
          Math.max(constants.BROTLI_MIN_WINDOW_BITS, Math.ceil(Math.log2(body.length + 1))),
        ),
      },
    }),
    gzipAsync(body, { level: 9 }),
  ]);
  return { br, gzip: gz };
}
