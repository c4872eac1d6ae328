import type { FastifyReply, FastifyRequest } from 'fastify';
import { chooseEncoding, type Encoding } from './accept-encoding.js';
import type { StaticFile } from './static-file.js';

/** How {@link sendStaticFile} answers. */
export interface SendOptions {
  /** 200 by default; a 404 page is never answered 304. */
  readonly status?: number;
  readonly cacheControl: string;
  /** Further headers (the pages' security headers). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Answers a file from memory: the coding `Accept-Encoding` prefers (with `vary`), its `ETag`,
 * and 304 without a body when `If-None-Match` names it. HEAD gets the same headers (Fastify
 * drops the body).
 */
export function sendStaticFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: StaticFile,
  options: SendOptions,
): FastifyReply {
  const status = options.status ?? 200;
  const available = Object.keys(file.encoded) as Encoding[];
  const coding = chooseEncoding(request.headers['accept-encoding'], available);
  const representation = coding === 'identity' ? file.identity : file.encoded[coding]!;
  void reply.headers({
    ...options.headers,
    'cache-control': options.cacheControl,
    etag: representation.etag,
    'x-content-type-options': 'nosniff',
  });
  if (available.length > 0) void reply.header('vary', 'accept-encoding');
  if (status === 200 && matchesEtag(request.headers['if-none-match'], representation.etag)) {
    return reply.code(304).send();
  }
  if (coding !== 'identity') void reply.header('content-encoding', coding);
  return reply.code(status).type(file.contentType).send(representation.body);
}

/** Whether an `If-None-Match` list names `etag` (weak comparison, RFC 9110 §13.1.2). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
