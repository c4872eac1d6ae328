import { extname } from 'node:path';

/** The media types of what Vite puts in a build, by extension. */
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** Types worth compressing: text (a PNG or a font is compressed already). */
const COMPRESSIBLE =
  /^(?:text\/|application\/(?:json|manifest\+json|wasm)|image\/svg\+xml|font\/(?:ttf|otf))/;

/** The `content-type` of a built file, from its name; unknown extensions are opaque bytes. */
export function contentTypeOf(name: string): string {
  return TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
}

/** Whether a file of this `content-type` gets gzip and brotli variants. */
export function isCompressible(contentType: string): boolean {
  return COMPRESSIBLE.test(contentType);
}
