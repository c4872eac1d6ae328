import type { FastifyReply } from 'fastify';

/** Where a request parameter came from, in Fastify's words. */
export type ParameterLocation = 'querystring' | 'params' | 'body' | 'headers';

/**
 * The body of every 4xx and 5xx answer: `error` always; `parameter`, `reason` and `where` when a
 * request parameter was wrong or named something that does not exist.
 *
 * @example
 * { "error": "invalid parameter", "parameter": "limit", "reason": "must be a decimal integer",
 *   "where": "querystring" }
 */
export interface ErrorBody {
  readonly error: string;
  readonly parameter?: string;
  readonly reason?: string;
  readonly where?: ParameterLocation;
}

/** The 400 body for a parameter that is malformed. */
export function invalidParameterBody(
  parameter: string,
  reason: string,
  where: ParameterLocation,
): ErrorBody {
  return { error: 'invalid parameter', parameter, reason, where };
}

/**
 * Answers 404 for an id that names nothing, saying what was not found and, when given, which
 * parameter held it.
 *
 * @example
 * if (!packet) return notFound(reply, `no packet ${id}`, 'packet_id');
 */
export function notFound(
  reply: FastifyReply,
  what: string,
  parameter?: string,
  where: ParameterLocation = 'params',
): FastifyReply {
  const body: ErrorBody = {
    error: 'not found',
    reason: what,
    ...(parameter !== undefined ? { parameter, where } : {}),
  };
  return reply.code(404).send(body);
}
