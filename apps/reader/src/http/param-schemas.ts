import { INTEGER_KEYWORD, type IntegerRule } from './integer-keyword.js';

/** A JSON schema, as Fastify takes it. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** The largest node number (node ids are unsigned 32-bit). */
export const MAX_NODE_ID = 0xffff_ffff;

/** Characters no text parameter may hold (PostgreSQL refuses NUL in text; the rest is noise). */
export const NO_CONTROL_CHARACTERS = '^[^\\u0000-\\u001f\\u007f]*$';

/** The longest text parameter accepted unless a route says otherwise. */
export const DEFAULT_MAX_TEXT_LENGTH = 200;

/**
 * An integer parameter parsed as MeshView parses it, with bounds: out-of-range values are refused
 * with 400, or moved to the nearest bound with `clamp` (MeshView's `limit`). The handler receives
 * a `number`.
 *
 * @example
 * // `/api/packets?limit=` — default 50, 5000 becomes 1000, 0 becomes 1
 * limit: integerParam({ minimum: 1, maximum: 1000, clamp: true, default: 50 }),
 */
export function integerParam(
  options: Partial<IntegerRule> & { readonly default?: number; readonly description?: string },
): JsonSchema {
  const { default: fallback, description, base = 10, ...bounds } = options;
  return {
    [INTEGER_KEYWORD]: { base, ...bounds },
    ...(fallback !== undefined ? { default: fallback } : {}),
    ...(description !== undefined ? { description } : {}),
  };
}

/**
 * A node number as MeshView reads it with Python's `int(x, 0)`: decimal, `0x…`, `0o…` or `0b…`,
 * 0 to 4294967295.
 */
export function nodeIdParam(description?: string): JsonSchema {
  return integerParam({
    base: 0,
    minimum: 0,
    maximum: MAX_NODE_ID,
    ...(description !== undefined ? { description } : {}),
  });
}

/** A packet id (decimal, 0 or more). */
export function packetIdParam(description?: string): JsonSchema {
  return integerParam({
    base: 10,
    minimum: 0,
    ...(description !== undefined ? { description } : {}),
  });
}

/** One of a fixed set of words (e.g. `period_type`: `hour` or `day`). */
export function enumParam(
  values: readonly string[],
  options: { readonly default?: string; readonly description?: string } = {},
): JsonSchema {
  return { type: 'string', enum: [...values], ...options };
}

/**
 * Free text (a channel name, a search word): at most `maxLength` characters, no control
 * characters.
 */
export function textParam(
  options: {
    readonly maxLength?: number;
    readonly default?: string;
    readonly description?: string;
  } = {},
): JsonSchema {
  const { maxLength = DEFAULT_MAX_TEXT_LENGTH, ...rest } = options;
  return { type: 'string', maxLength, pattern: NO_CONTROL_CHARACTERS, ...rest };
}

/**
 * A querystring or path-parameters schema from its properties. Unknown query parameters are
 * ignored, as MeshView ignores them.
 *
 * @example
 * app.get('/api/packets_seen/:packet_id', {
 *   schema: { params: paramsSchema({ packet_id: packetIdParam() }, ['packet_id']) },
 * }, handler);
 */
export function paramsSchema(
  properties: Readonly<Record<string, JsonSchema>>,
  required: readonly string[] = [],
): JsonSchema {
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required: [...required] } : {}),
  };
}
