import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyRequest } from 'fastify';
import type { ErrorBody } from './error-body.js';

/** The longest part of a request header that an answer repeats. */
const MAX_ECHO = 100;

/**
 * The answer to an error Fastify raised for a request it could not take (a body that is not
 * JSON, too large, of a content type no parser reads, …), or any other error that carries a 4xx
 * status: that status, and our error shape, with `error` the status in words and `reason` what
 * was wrong, never Fastify's `{statusCode, code, error, message}`.
 *
 * @example
 * // FST_ERR_CTP_BODY_TOO_LARGE →
 * { "error": "payload too large", "reason": "the body is larger than 1048576 bytes" }
 */
export function frameworkErrorBody(
  error: FastifyError,
  status: number,
  request: FastifyRequest,
): ErrorBody {
  return { error: statusWords(status), reason: reasonOf(error, request) };
}

/** An HTTP status in lower-case words, `payload too large` for 413. */
export function statusWords(status: number): string {
  return (STATUS_CODES[status] ?? 'error').toLowerCase();
}

function reasonOf(error: FastifyError, request: FastifyRequest): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'the body is not valid JSON';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'the body is empty but its content-type is application/json';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `the body is larger than ${request.routeOptions.bodyLimit} bytes`;
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'the body is not as long as its Content-Length header says';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': {
      const type = String(request.headers['content-type'] ?? '').slice(0, MAX_ECHO);
      return `content-type ${JSON.stringify(type)} is not accepted here`;
    }
    default:
      // Fastify's 4xx messages speak of the request, not of the server's internals.
      return error.message;
  }
}
