import type { FastifyInstance, RouteOptions } from 'fastify';
import { INTEGER_KEYWORD, type IntegerRule } from '@meshview/api';

/** A JSON schema, as Fastify takes it. */
export type JsonSchema = Readonly<Record<string, unknown>>;

declare module 'fastify/types/schema.js' {
  /** What a route's schema may say for the OpenAPI document (`/api/openapi.json`). */
  interface FastifySchema {
    /** One line: what the route answers. */
    summary?: string;
    description?: string;
    tags?: readonly string[];
    /** Leave the route out of the document. */
    hide?: boolean;
  }
}

/** The part of a route the OpenAPI document is made of. */
interface CollectedRoute {
  readonly method: string;
  readonly url: string;
  readonly schema: Readonly<Record<string, unknown>>;
}

/** A route's parameter as the OpenAPI document describes it. */
export interface OpenApiParameter {
  readonly name: string;
  readonly in: 'query' | 'path';
  readonly required: boolean;
  readonly description?: string;
  readonly schema: JsonSchema;
}

/** The OpenAPI 3.1 document's shape, as far as the reader's tests read it. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly version: string };
  readonly paths: Readonly<
    Record<string, Readonly<Record<string, { readonly parameters: readonly OpenApiParameter[] }>>>
  >;
  readonly components: Readonly<Record<string, unknown>>;
}

/**
 * Collects every route registered after it (an `onRoute` hook on the root), so that the OpenAPI
 * document covers routes added by any plugin, and builds the document from their schemas.
 * Call `install` before registering routes.
 */
export class OpenApiCollector {
  readonly #routes: CollectedRoute[] = [];

  install(app: FastifyInstance): void {
    app.addHook('onRoute', (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const schema = (route.schema ?? {}) as Record<string, unknown>;
      if (schema.hide === true) return;
      for (const method of methods) {
        // Fastify adds a HEAD route for every GET; the document lists the GET.
        if (method === 'HEAD') continue;
        this.#routes.push({ method: method.toLowerCase(), url: route.url, schema });
      }
    });
  }

  /** The collected routes, in registration order. */
  get routes(): readonly CollectedRoute[] {
    return this.#routes;
  }

  /** The OpenAPI 3.1 document of the collected routes. */
  document(info: { readonly title: string; readonly version: string }): OpenApiDocument {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const route of this.#routes) {
      const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const { schema } = route;
      const operation: Record<string, unknown> = {
        ...(typeof schema.summary === 'string' ? { summary: schema.summary } : {}),
        ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
        ...(Array.isArray(schema.tags) ? { tags: schema.tags } : {}),
        parameters: [
          ...parametersOf(schema.params as JsonSchema | undefined, 'path'),
          ...parametersOf(schema.querystring as JsonSchema | undefined, 'query'),
        ],
        responses: responsesOf(
          schema.response as Record<string, JsonSchema> | undefined,
          schema.params !== undefined,
        ),
      };
      (paths[path] ??= {})[route.method] = operation;
    }
    return {
      openapi: '3.1.0',
      info,
      paths: paths as OpenApiDocument['paths'],
      components: { schemas: { Error: ERROR_SCHEMA } },
    };
  }
}

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string' },
    parameter: { type: 'string', description: 'the request parameter that was wrong' },
    reason: { type: 'string' },
    where: { type: 'string', enum: ['querystring', 'params', 'body', 'headers'] },
  },
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function responsesOf(
  response: Record<string, JsonSchema> | undefined,
  hasIds: boolean,
): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries(response ?? {})) {
    const { description, content, ...rest } = schema as {
      description?: string;
      content?: Record<string, unknown>;
    };
    responses[status] = {
      description: description ?? 'OK',
      // A response of another type than JSON (the event stream's) says so, as Fastify reads it.
      content: content ?? { 'application/json': { schema: rest } },
    };
  }
  responses['200'] ??= { description: 'OK' };
  responses['400'] ??= errorResponse('a parameter is malformed; the body names it');
  if (hasIds) responses['404'] ??= errorResponse('an id in the path names nothing');
  responses['500'] ??= errorResponse('a bug in the reader');
  return responses;
}

function parametersOf(
  schema: JsonSchema | undefined,
  location: 'query' | 'path',
): OpenApiParameter[] {
  const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema?.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => {
    const description = property.description as string | undefined;
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(description !== undefined ? { description } : {}),
      schema: toOpenApiSchema(property),
    };
  });
}

/** A parameter schema in standard JSON Schema words; MeshView's integer rule kept as `x-` data. */
function toOpenApiSchema(property: JsonSchema): JsonSchema {
  const rule = property[INTEGER_KEYWORD] as IntegerRule | undefined;
  if (!rule) return property;
  const { [INTEGER_KEYWORD]: _rule, description: _description, ...rest } = property;
  // A clamped parameter takes any integer; its bounds are said in words, not as limits.
  const bounds = rule.clamp
    ? {
        description: `out-of-range values are moved to ${rule.minimum ?? '…'}–${rule.maximum ?? '…'}`,
      }
    : {
        ...(rule.minimum !== undefined ? { minimum: rule.minimum } : {}),
        ...(rule.maximum !== undefined ? { maximum: rule.maximum } : {}),
      };
  // `x-meshview-integer.base` 0: also written 0x…, 0o…, 0b… (Python's int(x, 0)).
  return { type: 'integer', ...bounds, ...rest, [INTEGER_KEYWORD]: rule };
}
