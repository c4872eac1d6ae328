import type { FastifyInstance } from 'fastify';

/** An answer's status and its JSON body. */
export interface JsonAnswer<T> {
  readonly status: number;
  readonly body: T;
}

/**
 * GETs `url` from `app` and reads the JSON body as `T`: the type the test expects, which its
 * assertions then check (nothing checks it here). `unknown` unless the test names one.
 *
 * @example
 * const { status, body } = await injectJson<{ nodes: { id: string }[] }>(app, '/api/nodes');
 */
export async function injectJson<T = unknown>(
  app: FastifyInstance,
  url: string,
): Promise<JsonAnswer<T>> {
  const answer = await app.inject(url);
  return { status: answer.statusCode, body: answer.json<T>() };
}
