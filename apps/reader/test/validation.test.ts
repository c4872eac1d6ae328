import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@meshview/log';
import { DIALECTS } from '#test/databases.js';
import { buildApp } from '../src/app.js';
import { notFound } from '../src/http/error-body.js';
import { enumParam, integerParam, nodeIdParam, paramsSchema, textParam } from '@meshview/api';
import { ParameterError } from '../src/http/parameter-error.js';
import { injectJson } from './support/inject-json.js';
import { buildReader, type ReaderUnderTest } from './support/reader-app.js';

/** The probe's answer: its parsed query, or a 400 naming the parameter and the reason. */
interface ProbeBody {
  readonly node_id?: number;
  readonly limit?: number;
  readonly parameter?: string;
  readonly reason?: string;
}

/** Routes that use the shared parameter schemas, added to a real reader app for this test. */
async function addProbeRoutes(app: FastifyInstance): Promise<void> {
  await app.register((scope, _options, done) => {
    scope.get(
      '/probe',
      {
        schema: {
          querystring: paramsSchema({
            limit: integerParam({ minimum: 1, maximum: 1000, clamp: true, default: 50 }),
            node_id: nodeIdParam(),
            period_type: enumParam(['hour', 'day'], { default: 'hour' }),
            channel: textParam({ maxLength: 20 }),
          }),
        },
      },
      (request) => request.query,
    );
    scope.get(
      '/probe/:packet_id',
      { schema: { params: paramsSchema({ packet_id: integerParam({ minimum: 0 }) }) } },
      async (request, reply) => {
        const { packet_id } = request.params as { packet_id: number };
        if (packet_id === 7) throw new ParameterError('packet_id', 'is seven', 'params');
        if (packet_id === 13) throw new Error('a bug');
        return notFound(reply, `no packet ${packet_id}`, 'packet_id');
      },
    );
    done();
  });
}

describe('parameter validation and error answers', () => {
  const dialect = DIALECTS[0].name;
  let reader: ReaderUnderTest;
  let app: FastifyInstance;
  beforeAll(async () => {
    reader = await buildReader(dialect, { name: 'validation' });
    // A second app on the same pieces, with probe routes (the real one is ready already).
    app = await buildApp({
      logger: createLogger({ name: 'validation', level: 'silent' }),
      watch: reader.watch,
      database: reader.database,
      config: reader.config,
    });
    await addProbeRoutes(app);
  });
  afterAll(async () => {
    await app?.close();
    await reader?.close();
  });

  const query = (qs: string) => injectJson<ProbeBody>(app, `/probe?${qs}`);

  it('gives defaults and parses MeshView integers, node ids as int(x, 0)', async () => {
    expect(await query('')).toEqual({ status: 200, body: { limit: 50, period_type: 'hour' } });
    for (const [text, value] of [
      ['0x1a2b', 0x1a2b],
      ['0o17', 15],
      ['0b101', 5],
      ['4294967295', 4294967295],
      ['%20%2B12%20', 12],
      ['1_000', 1000],
    ] as const) {
      expect((await query(`node_id=${text}`)).body.node_id, text).toBe(value);
    }
  });

  it('clamps limit as MeshView does', async () => {
    expect((await query('limit=5000')).body.limit).toBe(1000);
    expect((await query('limit=0')).body.limit).toBe(1);
    expect((await query('limit=-3')).body.limit).toBe(1);
    expect((await query(`limit=${'9'.repeat(40)}`)).body.limit).toBe(1000);
  });

  it('answers 400 naming the parameter, the reason and where', async () => {
    expect(await query('limit=abc')).toEqual({
      status: 400,
      body: {
        error: 'invalid parameter',
        parameter: 'limit',
        reason: 'must be a decimal integer',
        where: 'querystring',
      },
    });
    const cases: [string, string, RegExp][] = [
      ['limit=1.5', 'limit', /decimal integer/],
      ['limit=1e3', 'limit', /decimal integer/],
      ['limit=', 'limit', /not empty/],
      ['limit=1&limit=2', 'limit', /given once/],
      ['node_id=010', 'node_id', /0x/],
      ['node_id=4294967296', 'node_id', /at most 4294967295/],
      ['node_id=-1', 'node_id', /at least 0/],
      ['period_type=week', 'period_type', /one of hour, day/],
      ['channel=a%00b', 'channel', /control characters/],
      [`channel=${'x'.repeat(21)}`, 'channel', /20 characters/],
      ['channel=a&channel=b', 'channel', /given once/],
    ];
    for (const [qs, parameter, reason] of cases) {
      const { status, body } = await query(qs);
      expect(status, qs).toBe(400);
      expect(body.parameter, qs).toBe(parameter);
      expect(body.reason, qs).toMatch(reason);
    }
  });

  it('answers path parameters, 404 helper, ParameterError and a bug', async () => {
    const bad = await app.inject('/probe/x1');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ parameter: 'packet_id', where: 'params' });
    const missing = await app.inject('/probe/5');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: 'not found',
      reason: 'no packet 5',
      parameter: 'packet_id',
      where: 'params',
    });
    const explicit = await app.inject('/probe/7');
    expect(explicit.statusCode).toBe(400);
    expect(explicit.json()).toMatchObject({ parameter: 'packet_id', reason: 'is seven' });
    // A bug stays a 500 and says nothing of its internals.
    const bug = await app.inject('/probe/13');
    expect(bug.statusCode).toBe(500);
    expect(bug.json()).toEqual({ error: 'internal server error' });
  });

  it('answers unknown API routes 404 with a JSON body', async () => {
    // Other paths are the web app's (its 404 page: test/pages/).
    const answer = await app.inject('/api/no/such/route?x=1');
    expect(answer.statusCode).toBe(404);
    expect(answer.json()).toEqual({
      error: 'not found',
      reason: 'no route GET /api/no/such/route',
    });
  });
});
