import type { FastifyInstance, FastifyPluginCallback } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type DialectUnderTest } from '#test/databases.js';
import {
  enumParam,
  integerParam,
  nodeIdParam,
  packetIdParam,
  paramsSchema,
  textParam,
} from '@meshview/api';
import { seededRandom } from '@meshview/sim';
import { HOSTILE_VALUES, invalidValues, type ParameterSchema } from '../support/bad-values.js';
import { buildReader, type ReaderUnderTest } from '../support/reader-app.js';

interface Parameter {
  readonly name: string;
  readonly in: 'query' | 'path';
  readonly schema: ParameterSchema;
}

interface Operation {
  readonly path: string;
  readonly parameters: readonly Parameter[];
}

const SEED = 20_261_126;
/** About how many invalid-value calls one database's run makes in all. */
const CALL_BUDGET = 4000;

/** Every GET operation with parameters in the app's OpenAPI document: routes added later count. */
async function operations(app: FastifyInstance): Promise<Operation[]> {
  const document = (await app.inject('/api/openapi.json')).json<{
    paths: Record<string, { get?: { parameters: Parameter[] } }>;
  }>();
  return Object.entries(document.paths)
    .filter(([, item]) => (item.get?.parameters.length ?? 0) > 0)
    .map(([path, item]) => ({ path, parameters: item.get!.parameters }));
}

/** A value each path parameter accepts, so that a route is reached while another is tested. */
function validValue(schema: ParameterSchema): string {
  const rule = schema['x-meshview-integer'];
  if (rule) return String(Math.max(rule.minimum ?? 1, 1));
  if (schema.enum) return schema.enum[0]!;
  const pattern = schema.pattern ? new RegExp(schema.pattern, 'u') : undefined;
  return ['1', 'x', 'en', 'LongFast'].find((v) => !pattern || pattern.test(v)) ?? 'x';
}

/**
 * Percent-encodes a value; a lone surrogate becomes the bytes of an invalid UTF-8 sequence
 * (`%ED%A0%80`), which is what a client can send but `encodeURIComponent` refuses to make.
 */
function encode(value: string): string {
  return value.replace(/[\s\S]/gu, (ch) => {
    try {
      return encodeURIComponent(ch);
    } catch {
      return '%ED%A0%80';
    }
  });
}

/** Percent-encodes a path segment, dots too (`..` must not be resolved away). */
const segment = (value: string) => encode(value).replaceAll('.', '%2E');

function url(operation: Operation, tested: Parameter, value: string, repeat = false): string {
  let path = operation.path;
  for (const p of operation.parameters.filter((p) => p.in === 'path')) {
    path = path.replace(`{${p.name}}`, segment(p === tested ? value : validValue(p.schema)));
  }
  if (tested.in === 'path') return path;
  const pair = `${encode(tested.name)}=${encode(value)}`;
  return `${path}?${repeat ? `${pair}&${pair}` : pair}`;
}

/**
 * Routes using each of the shared parameter schemas, so that the generator is exercised on every
 * kind of parameter whatever data routes exist yet.
 */
const probeRoutes: FastifyPluginCallback = (app, _options, done) => {
  app.get(
    '/probe/:packet_id',
    {
      schema: {
        params: paramsSchema({ packet_id: packetIdParam() }, ['packet_id']),
        querystring: paramsSchema({
          limit: integerParam({ minimum: 1, maximum: 1000, clamp: true, default: 50 }),
          node_id: nodeIdParam(),
          since: integerParam({ minimum: 0 }),
          period_type: enumParam(['hour', 'day'], { default: 'hour' }),
          channel: textParam(),
        }),
      },
    },
    (request) => ({ params: request.params, query: request.query }),
  );
  done();
};

/**
 * The generated bad-input suite on one database (one test file per database, so that they run in
 * parallel).
 */
export function badInputSuite(dialect: DialectUnderTest): void {
  const skip = DIALECTS.find((d) => d.name === dialect)!.skip;
  describe.skipIf(skip)(`generated bad input on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    let reader: ReaderUnderTest;
    beforeAll(async () => {
      reader = await buildReader(dialect, {
        name: 'bad_input',
        extraRoutes: probeRoutes,
        seed: async ({ db }) => {
          const now = Date.now() * 1000;
          await db
            .insertInto('node')
            .values({
              id: '!00000001',
              node_id: 1,
              long_name: 'One',
              short_name: 'ONE',
              channel: 'LongFast',
              first_seen_us: now,
              last_seen_us: now,
            })
            .execute();
          await db
            .insertInto('packet')
            .values({
              id: 1,
              portnum: 1,
              from_node_id: 1,
              to_node_id: 4294967295,
              payload: Buffer.from('hi'),
              import_time_us: now,
              channel: 'LongFast',
            })
            .execute();
        },
      });
    });
    afterAll(async () => reader?.close());

    it('answers 400 naming the parameter for every invalid value of every parameter of every route', async () => {
      const { app } = reader;
      const random = seededRandom(SEED);
      const ops = await operations(app);
      expect(ops.length).toBeGreaterThan(0);
      // A few hundred values per parameter, fewer once there are many (the suite stays fast).
      const parameterCount = ops.reduce((n, op) => n + op.parameters.length, 0);
      const perParameter = Math.max(100, Math.min(300, Math.floor(CALL_BUDGET / parameterCount)));
      const failures: string[] = [];
      let calls = 0;
      for (const operation of ops) {
        for (const parameter of operation.parameters) {
          const values = invalidValues(parameter.schema, random, perParameter);
          // A path segment cannot be empty: `/x/` is another route.
          const usable = parameter.in === 'path' ? values.filter((v) => v !== '') : values;
          const cases = usable.map((v) => ({ v, target: url(operation, parameter, v) }));
          if (parameter.in === 'query') {
            // Given twice is wrong for every parameter.
            cases.push({
              v: 'x (twice)',
              target: url(operation, parameter, validValue(parameter.schema), true),
            });
          }
          for (const { v, target } of cases) {
            calls += 1;
            const answer = await app.inject(target);
            const body = safeJson(answer.body);
            if (answer.statusCode !== 400 || body?.parameter !== parameter.name) {
              failures.push(
                `${operation.path} ${parameter.name}=${JSON.stringify(v).slice(0, 60)}: ` +
                  `${answer.statusCode} ${answer.body.slice(0, 160)}`,
              );
            }
          }
        }
      }
      expect(failures.slice(0, 20), `${failures.length} of ${calls} calls`).toEqual([]);
      expect(calls).toBeGreaterThan(100);
    });

    it('never answers 5xx to hostile values, whatever the parameter', async () => {
      const { app } = reader;
      const failures: string[] = [];
      for (const operation of await operations(app)) {
        for (const parameter of operation.parameters) {
          for (const value of HOSTILE_VALUES) {
            if (parameter.in === 'path' && value === '') continue;
            const answer = await app.inject(url(operation, parameter, value));
            if (
              answer.statusCode >= 500 ||
              (answer.statusCode === 400 && safeJson(answer.body)?.parameter !== parameter.name)
            ) {
              failures.push(
                `${operation.path} ${parameter.name}=${JSON.stringify(value).slice(0, 60)}: ${answer.statusCode} ${answer.body.slice(0, 160)}`,
              );
            }
          }
        }
      }
      expect(failures.slice(0, 20), `${failures.length} failures`).toEqual([]);
    });
  });
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
