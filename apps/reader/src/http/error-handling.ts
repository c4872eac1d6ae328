import type { FastifyError, FastifyInstance, FastifySchemaValidationError } from 'fastify';
import { invalidParameterBody, type ErrorBody, type ParameterLocation } from './error-body.js';
import { NO_CONTROL_CHARACTERS } from './param-schemas.js';
import { ParameterError } from './parameter-error.js';
import { MALFORMED_KEYS, type ParsedQuery } from './parse-querystring.js';

/**
 * The reader's one mapping from errors to HTTP answers, installed on the root before any route:
 * - a schema validation failure or a {@link ParameterError} → 400 naming the parameter;
 * - any other error that carries a 4xx status (Fastify's own: a malformed URL, …) → that status;
 * - anything else is a bug → 500 `{"error":"internal server error"}`, logged with its stack,
 *   never its internals in the body.
 * Unknown routes answer 404 with a JSON body; a query value that is not valid percent-encoded
 * UTF-8 answers 400 naming its parameter.
 */
export function installErrorHandling(app: FastifyInstance): void {
  // Before validation: a value the query string parser could not decode is named, not guessed at.
  app.addHook('preValidation', async (request) => {
    const malformed = (request.query as ParsedQuery | undefined)?.[MALFORMED_KEYS];
    if (malformed !== undefined && malformed.length > 0) {
      throw new ParameterError(malformed[0]!, 'is not valid percent-encoded UTF-8');
    }
  });

  app.setErrorHandler((error: FastifyError | ParameterError, request, reply) => {
    if (error instanceof ParameterError) {
      return reply.code(400).send(invalidParameterBody(error.parameter, error.reason, error.where));
    }
    if (error.validation && error.validation.length > 0) {
      const where = (error.validationContext ?? 'querystring') as ParameterLocation;
      const { parameter, reason } = describeValidation(error.validation[0]!);
      return reply.code(400).send(invalidParameterBody(parameter, reason, where));
    }
    const status = error.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      const body: ErrorBody = { error: error.message };
      return reply.code(status).send(body);
    }
    request.log.error({ err: error }, `request failed: ${error.message}`);
    const body: ErrorBody = { error: 'internal server error' };
    return reply.code(500).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?', 1)[0]!.slice(0, 200);
    const body: ErrorBody = { error: 'not found', reason: `no route ${request.method} ${path}` };
    return reply.code(404).send(body);
  });
}

/** The parameter an Ajv error is about, and the reason in words. */
export function describeValidation(error: FastifySchemaValidationError): {
  parameter: string;
  reason: string;
} {
  const params = error.params as Record<string, unknown>;
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
