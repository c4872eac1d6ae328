import { connect } from 'node:net';
import type { FastifyPluginCallback, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '#test/databases.js';
import { buildReader, type ReaderUnderTest } from './support/reader-app.js';

/** A route that takes a JSON body (the reader has none yet), and one that throws a 4xx. */
const probeRoutes: FastifyPluginCallback = (app, _options, done) => {
  app.post('/probe/body', { bodyLimit: 1024 }, (request) => ({ received: request.body }));
  app.get('/probe/teapot', () => {
    throw Object.assign(new Error('short and stout'), { statusCode: 418 });
  });
  app.get('/probe/busy', () => {
    // What better-sqlite3 throws when another process holds the lock past the busy timeout.
    throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
  });
  done();
};

/** The keys of Fastify's default error body, which no answer may carry. */
const FASTIFY_KEYS = ['statusCode', 'code', 'message'];

/** Asserts the status and that the body is exactly `body`, as JSON, in our shape. */
function expectAnswer(answer: LightMyRequestResponse, status: number, body: object): void {
  expect(answer.statusCode, answer.body).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  const json = answer.json<Record<string, unknown>>();
  expect(json).toEqual(body);
  for (const key of FASTIFY_KEYS) expect(json).not.toHaveProperty(key);
}

/** Sends raw bytes on a new connection to `port` and resolves with all that came back. */
function rawExchange(port: number, chunks: readonly string[], gapMs = 0): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject).on('close', () => resolve(answer));
    const writeAll = async () => {
      for (const chunk of chunks) {
        socket.write(chunk);
        if (gapMs > 0) await new Promise((done) => setTimeout(done, gapMs));
      }
    };
    socket.on('connect', () => {
      writeAll().catch(reject);
    });
  });
}

/** The status and the JSON body of a raw HTTP/1.1 answer. */
function parseRaw(answer: string): { status: number; body: Record<string, unknown> } {
  const [head, body] = answer.split('\r\n\r\n', 2) as [string, string];
  return {
    status: Number(head.split(' ', 2)[1]),
    body: JSON.parse(body) as Record<string, unknown>,
  };
}

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `Fastify's own errors answer in our error shape on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      let reader: ReaderUnderTest;
      beforeAll(async () => {
        reader = await buildReader(dialect, { name: 'fastify_errors', extraRoutes: probeRoutes });
      });
      afterAll(async () => reader?.close());

      it('answers a method a route does not take 405 with Allow, whatever the body', async () => {
        const { app } = reader;
        const body = (method: string) => ({
          error: 'method not allowed',
          reason: `${method} /api/nodes: this route answers GET, HEAD`,
        });
        for (const method of ['DELETE', 'PUT', 'PATCH', 'OPTIONS', 'PROPFIND'] as const) {
          const answer = await app.inject({ method, url: '/api/nodes?limit=5' });
          expectAnswer(answer, 405, body(method));
          expect(answer.headers.allow).toBe('GET, HEAD');
        }
        // The route's absence is the answer, not a body no route would read.
        const json = { 'content-type': 'application/json' };
        for (const payload of ['{bad', '', 'x'.repeat(2 * 1024 * 1024)]) {
          const answer = await app.inject({
            method: 'POST',
            url: '/api/nodes',
            headers: json,
            payload,
          });
          expectAnswer(answer, 405, body('POST'));
        }
        const xml = { 'content-type': 'text/xml' };
        const answer = await app.inject({
          method: 'POST',
          url: '/api/nodes',
          headers: xml,
          payload: '<a/>',
        });
        expectAnswer(answer, 405, body('POST'));
        // A route with a parameter counts whatever the parameter's value.
        const seen = await app.inject({ method: 'DELETE', url: '/api/packets_seen/abc' });
        expect(seen.statusCode).toBe(405);
        expect(seen.headers.allow).toBe('GET, HEAD');
        // GET and HEAD still work.
        expect((await app.inject('/api/nodes')).statusCode).toBe(200);
        expect((await app.inject({ method: 'HEAD', url: '/api/nodes' })).statusCode).toBe(200);
      });

      it('answers an unknown path 404 whatever the method and body', async () => {
        const { app } = reader;
        const json = { 'content-type': 'application/json' };
        for (const payload of ['{bad', 'x'.repeat(2 * 1024 * 1024)]) {
          const answer = await app.inject({
            method: 'POST',
            url: '/api/nope',
            headers: json,
            payload,
          });
          expectAnswer(answer, 404, { error: 'not found', reason: 'no route POST /api/nope' });
        }
        const answer = await app.inject({ method: 'DELETE', url: '/api/nope' });
        expectAnswer(answer, 404, { error: 'not found', reason: 'no route DELETE /api/nope' });
      });

      it('answers a body that is not JSON, empty, too large, of another type or length 4xx with a reason', async () => {
        const { app } = reader;
        const post = (headers: Record<string, string>, payload: string) =>
          app.inject({ method: 'POST', url: '/probe/body', headers, payload });
        const json = { 'content-type': 'application/json' };
        expectAnswer(await post(json, '{"a": 1'), 400, {
          error: 'bad request',
          reason: 'the body is not valid JSON',
        });
        // A prototype-poisoning key is refused as Fastify refuses it, in our shape.
        expectAnswer(await post(json, '{"__proto__": {"x": 1}}'), 400, {
          error: 'bad request',
          reason: 'the body is not valid JSON',
        });
        expectAnswer(await post(json, ''), 400, {
          error: 'bad request',
          reason: 'the body is empty but its content-type is application/json',
        });
        expectAnswer(await post(json, JSON.stringify({ a: 'x'.repeat(2000) })), 413, {
          error: 'payload too large',
          reason: 'the body is larger than 1024 bytes',
        });
        expectAnswer(await post({ 'content-type': 'application/xml' }, '<a/>'), 415, {
          error: 'unsupported media type',
          reason: 'content-type "application/xml" is not accepted here',
        });
        expectAnswer(await post({ ...json, 'content-length': '3' }, '{"a":1}'), 400, {
          error: 'bad request',
          reason: 'the body is not as long as its Content-Length header says',
        });
        // What it does take still works.
        const ok = await post(json, '{"a":1}');
        expect(ok.statusCode).toBe(200);
        expect(ok.json()).toEqual({ received: { a: 1 } });
      });

      it('answers any other error with a 4xx status in that status and our shape', async () => {
        expectAnswer(await reader.app.inject('/probe/teapot'), 418, {
          error: "i'm a teapot",
          reason: 'short and stout',
        });
      });

      it('answers 503 with the reason, not 500, while the database is unavailable', async () => {
        const answer = await reader.app.inject('/probe/busy');
        expect(answer.headers['retry-after']).toBe('5');
        expectAnswer(answer, 503, {
          error: 'database unavailable',
          reason: expect.stringMatching(/locked by another connection \(SQLITE_BUSY\)/) as string,
        });
      });

      it("answers requests Node's HTTP parser refuses in our shape, on a real socket", async () => {
        const { app } = reader;
        const address = await app.listen({ host: '127.0.0.1', port: 0 });
        const port = Number(new URL(address).port);
        expect(parseRaw(await rawExchange(port, ['NOT HTTP AT ALL\r\n\r\n']))).toEqual({
          status: 400,
          body: { error: 'bad request', reason: 'the request is not valid HTTP' },
        });
        // Node's default limit on the headers is 16 KiB.
        const big = `GET /version HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`;
        expect(parseRaw(await rawExchange(port, [big]))).toEqual({
          status: 431,
          body: {
            error: 'request header fields too large',
            reason: 'the request headers are too large',
          },
        });
      });
    },
  );

  describe.skipIf(skip)(
    `the reader while it stops on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      it('answers a request that arrives after the close began 503 in our shape', async () => {
        const reader = await buildReader(dialect, { name: 'fastify_closing' });
        try {
          const address = await reader.app.listen({ host: '127.0.0.1', port: 0 });
          const port = Number(new URL(address).port);
          // The request's first line arrives before the close, its end after.
          const socket = connect(port, '127.0.0.1');
          await new Promise((done) => socket.once('connect', done));
          let answer = '';
          socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
          const closed = new Promise((done) => socket.once('close', done));
          socket.write('GET /version HTTP/1.1\r\nHost: x\r\n');
          await new Promise((done) => setTimeout(done, 100));
          const closing = reader.app.close();
          await new Promise((done) => setTimeout(done, 100));
          socket.write('\r\n');
          await closed;
          await closing;
          expect(parseRaw(answer)).toEqual({
            status: 503,
            body: { error: 'service unavailable', reason: 'the reader is stopping' },
          });
          expect(answer).toMatch(/\r\nconnection: close\r\n/i);
        } finally {
          await reader.close();
        }
      });
    },
  );

  describe.skipIf(skip)(`a reader under base_path on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    it('answers 405 and 404 under the prefix', async () => {
      const reader = await buildReader(dialect, {
        name: 'fastify_prefix',
        ini: '[server]\nbase_path = /meshview\n',
      });
      try {
        const answer = await reader.app.inject({ method: 'DELETE', url: '/meshview/api/nodes' });
        expectAnswer(answer, 405, {
          error: 'method not allowed',
          reason: 'DELETE /meshview/api/nodes: this route answers GET, HEAD',
        });
        // Without the prefix the path does not exist.
        expectAnswer(await reader.app.inject({ method: 'DELETE', url: '/api/nodes' }), 404, {
          error: 'not found',
          reason: 'no route DELETE /api/nodes',
        });
      } finally {
        await reader.close();
      }
    });
  });
}
