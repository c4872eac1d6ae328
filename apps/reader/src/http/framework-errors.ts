import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { invalidParameterBody, type ErrorBody } from './error-body.js';
import type { RouteTable } from './route-table.js';

/**
 * Fastify's `frameworkErrors`: a path whose parameter is not valid percent-encoded UTF-8, or is
 * longer than the router takes, is answered 400 naming the parameter (found by matching the path
 * against the routes' patterns), like any other malformed parameter.
 */
export function frameworkErrorHandler(routes: RouteTable, maxParamLength: number) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const path = request.raw.url?.split('?', 1)[0] ?? '';
    const reason =
      error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? `must be at most ${maxParamLength} characters`
        : 'is not valid percent-encoded UTF-8';
    const patterns = routes.patternsAt(request.raw.method ?? 'GET', path);
    const parameter = findBadParameter(patterns, path.split('/'), maxParamLength);
    if (parameter === undefined) {
      const body: ErrorBody = { error: 'bad request', reason: `the path ${reason}` };
      void reply.code(400).send(body);
      return;
    }
    void reply.code(400).send(invalidParameterBody(parameter, reason, 'params'));
  };
}

/** The first parameter, in the patterns the path matches, whose segment of the path is bad. */
function findBadParameter(
  patterns: readonly (readonly string[])[],
  segments: readonly string[],
  maxParamLength: number,
): string | undefined {
  for (const pattern of patterns) {
    const bad = pattern.find((part, i) => {
      const segment = segments[i] ?? '';
      return part.startsWith(':') && (!decodes(segment) || segment.length > maxParamLength);
    });
    if (bad !== undefined) return bad.slice(1);
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
