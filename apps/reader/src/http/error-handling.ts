import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchemaValidationError,
} from 'fastify';
import { invalidParameterBody, type ErrorBody, type ParameterLocation } from './error-body.js';
import { frameworkErrorBody } from './framework-error-body.js';
import { NO_CONTROL_CHARACTERS } from '@meshview/api';
import { databaseUnavailableReason } from '@meshview/db';
import { ParameterError } from './parameter-error.js';
import { MALFORMED_KEYS, type ParsedQuery } from './parse-querystring.js';
import { RouteTable } from './route-table.js';

/**
 * The reader's one mapping from errors to HTTP answers, installed on the root before any route:
 * - a schema validation failure or a {@link ParameterError} → 400 naming the parameter;
 * - any other error that carries a 4xx status (Fastify's own: a body that is not JSON, too large,
 *   of a content type nothing reads, …) → that status, `error` the status in words and `reason`
 *   what was wrong, never Fastify's default body;
 * - an error that says the database is unavailable (locked, full, restarting, the connection
 *   cut, its file gone or damaged, the database dropped: `databaseUnavailableReason`) → 503
 *   `{"error":"database unavailable","reason"}` with `Retry-After`: the reader is fine and
 *   answers again once the database is back;
 * - anything else is a bug → 500 `{"error":"internal server error"}`, logged with its stack,
 *   never its internals in the body.
 * A path no route has answers 404, and one that routes have under other methods answers 405 with
 * `Allow` (as MeshView's aiohttp does), whatever the request's body; a query value that is not
 * valid percent-encoded UTF-8 answers 400 naming its parameter. `routes` is installed here, before
 * any route, and may be shared (with `frameworkErrorHandler`); `fallback` may answer a 404
 * otherwise (the web app's not-found page).
 */
export function installErrorHandling(
  app: FastifyInstance,
  routes = new RouteTable(),
  fallback?: NotFoundFallback,
): void {
  routes.install(app);

  // Before validation: a value the query string parser could not decode is named, not guessed at.
  app.addHook('preValidation', (request, _reply, done) => {
    const malformed = (request.query as ParsedQuery | undefined)?.[MALFORMED_KEYS];
    if (malformed !== undefined && malformed.length > 0) {
      done(new ParameterError(malformed[0]!, 'is not valid percent-encoded UTF-8'));
      return;
    }
    done();
  });

  app.setErrorHandler((error: FastifyError | ParameterError, request, reply) => {
    // Fastify reads a body before it calls the not-found handler; that the route does not exist
    // (for this method) is the answer, not what was wrong with a body no route would read.
    if (request.is404) return answerNoRoute(request, reply, routes, fallback);
    if (error instanceof ParameterError) {
      return reply.code(400).send(invalidParameterBody(error.parameter, error.reason, error.where));
    }
    if (error.validation && error.validation.length > 0) {
      const where: ParameterLocation = error.validationContext ?? 'querystring';
      const { parameter, reason } = describeValidation(error.validation[0]!);
      return reply.code(400).send(invalidParameterBody(parameter, reason, where));
    }
    const status = error.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.code(status).send(frameworkErrorBody(error, status, request));
    }
    const unavailable = databaseUnavailableReason(error);
    if (unavailable !== undefined) {
      // The database's passing state (locked, restarting, a connection cut), not a bug: the
      // client may retry, and the reader recovers by itself (the pool makes new connections).
      request.log.warn({ err: error.message }, `request failed: ${unavailable}`);
      const body: ErrorBody = { error: 'database unavailable', reason: unavailable };
      return reply.code(503).header('retry-after', '5').send(body);
    }
    request.log.error({ err: error }, `request failed: ${error.message}`);
    const body: ErrorBody = { error: 'internal server error' };
    return reply.code(500).send(body);
  });

  app.setNotFoundHandler((request, reply) => answerNoRoute(request, reply, routes, fallback));
}

/**
 * Answers a request no route takes instead of the JSON 404 (the web app's not-found page), or
 * returns `undefined` to leave it the JSON 404.
 */
export type NotFoundFallback = (
  request: FastifyRequest,
  reply: FastifyReply,
) => FastifyReply | undefined;

/** 405 with `Allow` when routes take the path under other methods; else the fallback, or 404. */
function answerNoRoute(
  request: FastifyRequest,
  reply: FastifyReply,
  routes: RouteTable,
  fallback: NotFoundFallback | undefined,
): FastifyReply {
  const path = request.url.split('?', 1)[0]!;
  const shown = path.slice(0, 200);
  const allowed = routes.methodsAt(path);
  if (allowed.length > 0) {
    const body: ErrorBody = {
      error: 'method not allowed',
      reason: `${request.method} ${shown}: this route answers ${allowed.join(', ')}`,
    };
    return reply.code(405).header('allow', allowed.join(', ')).send(body);
  }
  const answer = fallback?.(request, reply);
  if (answer !== undefined) return answer;
  const body: ErrorBody = { error: 'not found', reason: `no route ${request.method} ${shown}` };
  return reply.code(404).send(body);
}

/** The parameter an Ajv error is about, and the reason in words. */
export function describeValidation(error: FastifySchemaValidationError): {
  parameter: string;
  reason: string;
} {
  const params = error.params;
  if (error.keyword === 'required') {
    return { parameter: String(params.missingProperty), reason: 'is required' };
  }
  const first = error.instancePath.split('/')[1] ?? '';
  const parameter = first.replaceAll('~1', '/').replaceAll('~0', '~');
  return { parameter, reason: reasonOf(error, params) };
}

function reasonOf(error: FastifySchemaValidationError, params: Record<string, unknown>): string {
  switch (error.keyword) {
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'pattern':
      return params.pattern === NO_CONTROL_CHARACTERS
        ? 'must not contain control characters'
        : `must match ${String(params.pattern)}`;
    case 'type':
      // Query strings coerce to the type; an array left here was a parameter given twice.
      return `${error.message ?? 'has the wrong type'} (given once)`;
    default:
      return error.message ?? 'is invalid';
  }
}
