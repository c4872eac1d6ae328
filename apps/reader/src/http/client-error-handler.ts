import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '@meshview/log';
import type { ErrorBody } from './error-body.js';
import { statusWords } from './framework-error-body.js';

/**
 * Fastify's `clientErrorHandler`: a request that Node's HTTP parser refuses before Fastify sees
 * it (a malformed request line or header, headers too large, a request too slow) is answered in
 * our error shape, like every other error, instead of Fastify's default body; then the
 * connection is closed, as Node does.
 */
export function clientErrorHandler(
  logger: Logger,
): (error: Error & { readonly code?: string }, socket: Socket) => void {
  return (error, socket) => {
    // A reset connection has no one left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, reason] =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'the request did not arrive in time']
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'the request headers are too large']
          : [400, 'the request is not valid HTTP'];
    logger.trace({ err: error }, `client error: ${reason}`);
    if (socket.writable) {
      const body = JSON.stringify({ error: statusWords(status), reason } satisfies ErrorBody);
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
          'Content-Type: application/json; charset=utf-8\r\n' +
          `Content-Length: ${Buffer.byteLength(body)}\r\n` +
          'Connection: close\r\n\r\n' +
          body,
      );
    }
    socket.destroy(error);
  };
}
