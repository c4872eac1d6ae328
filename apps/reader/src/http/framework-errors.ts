import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { invalidParameterBody, type ErrorBody } from './error-body.js';

/** A registered route's method and URL pattern (`/api/packets_seen/:packet_id`). */
interface KnownRoute {
  readonly method: string;
  readonly url: string;
}

/**
 * Fastify's `frameworkErrors`: a path whose parameter is not valid percent-encoded UTF-8, or is
 * longer than the router takes, is answered 400 naming the parameter (found by matching the path
 * against the routes' patterns), like any other malformed parameter.
 */
export function frameworkErrorHandler(routes: () => readonly KnownRoute[], maxParamLength: number) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const path = request.raw.url?.split('?', 1)[0] ?? '';
    const reason =
      error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? `must be at most ${maxParamLength} characters`
        : 'is not valid percent-encoded UTF-8';
    const parameter = findBadParameter(path, request.raw.method ?? 'GET', routes(), maxParamLength);
    if (parameter === undefined) {
      const body: ErrorBody = { error: 'bad request', reason: `the path ${reason}` };
      void reply.code(400).send(body);
      return;
    }
    void reply.code(400).send(invalidParameterBody(parameter, reason, 'params'));
  };
}

function findBadParameter(
  path: string,
  method: string,
  routes: readonly KnownRoute[],
  maxParamLength: number,
): string | undefined {
  const segments = path.split('/');
  for (const route of routes) {
    if (
      route.method.toUpperCase() !== method &&
      !(method === 'HEAD' && route.method.toUpperCase() === 'GET')
    )
      continue;
    const pattern = route.url.split('/');
    if (pattern.length !== segments.length) continue;
    let bad: string | undefined;
    const matches = pattern.every((part, i) => {
      const segment = segments[i]!;
      if (!part.startsWith(':')) return part === segment;
      if (bad === undefined && (!decodes(segment) || segment.length > maxParamLength))
        bad = part.slice(1);
      return true;
    });
    if (matches && bad !== undefined) return bad;
  }
  return undefined;
}

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}
