import { Type, type Static, type TSchema, type TUnsafe } from 'typebox';

/**
 * The name of the reader's integer keyword in a parameter schema:
 * `{ 'x-meshview-integer': { base: 0, minimum: 0 } }`. The reader's Ajv implements it.
 */
export const INTEGER_KEYWORD = 'x-meshview-integer';

/** What {@link INTEGER_KEYWORD} says about one parameter. */
export interface IntegerRule {
  /** `0`: Python's `int(x, 0)` (`0x…`, `0o…`, `0b…` or decimal); `10`: decimal only. */
  readonly base: 0 | 10;
  readonly minimum?: number;
  readonly maximum?: number;
  /** Out-of-range values are moved to the nearest bound (MeshView's `limit`) instead of refused. */
  readonly clamp?: boolean;
}

/** The largest node number (node ids are unsigned 32-bit). */
export const MAX_NODE_ID = 0xffff_ffff;

/** Characters no text parameter may hold (PostgreSQL refuses NUL in text; the rest is noise). */
export const NO_CONTROL_CHARACTERS = '^[^\\u0000-\\u001f\\u007f]*$';

/** The longest text parameter accepted unless a route says otherwise. */
export const DEFAULT_MAX_TEXT_LENGTH = 200;

/** A parameter whose parsed value is a `T`. */
export type Param<T> = TUnsafe<T>;
/** A parameter with a default: the handler always gets a value. */
export type DefaultedParam<T> = TUnsafe<T> & { readonly default: T };

/** What {@link integerParam} takes. */
export type IntegerParamOptions = Partial<IntegerRule> & { readonly description?: string };

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
  options: IntegerParamOptions & { readonly default: number },
): DefaultedParam<number>;
export function integerParam(options: IntegerParamOptions): Param<number>;
export function integerParam(
  options: IntegerParamOptions & { readonly default?: number },
): Param<number> {
  const { default: fallback, description, base = 10, ...bounds } = options;
  return Type.Unsafe<number>({
    [INTEGER_KEYWORD]: { base, ...bounds },
    ...(fallback !== undefined ? { default: fallback } : {}),
    ...(description !== undefined ? { description } : {}),
  });
}

/**
 * A node number as MeshView reads it with Python's `int(x, 0)`: decimal, `0x…`, `0o…` or `0b…`,
 * 0 to 4294967295.
 */
export function nodeIdParam(description?: string): Param<number> {
  return integerParam({
    base: 0,
    minimum: 0,
    maximum: MAX_NODE_ID,
    ...(description !== undefined ? { description } : {}),
  });
}

/** A packet id (decimal, 0 or more). */
export function packetIdParam(description?: string): Param<number> {
  return integerParam({
    base: 10,
    minimum: 0,
    ...(description !== undefined ? { description } : {}),
  });
}

/** One of a fixed set of words (e.g. `type`: `traceroute` or `neighbor`). */
export function enumParam<const V extends string>(
  values: readonly V[],
  options: { readonly default: V; readonly description?: string },
): DefaultedParam<V>;
export function enumParam<const V extends string>(
  values: readonly V[],
  options?: { readonly description?: string },
): Param<V>;
export function enumParam<const V extends string>(
  values: readonly V[],
  options: { readonly default?: V; readonly description?: string } = {},
): Param<V> {
  return Type.Unsafe<V>({ type: 'string', enum: [...values], ...options });
}

/** What {@link textParam} takes. */
export interface TextParamOptions {
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly description?: string;
}

/**
 * Free text (a channel name, a search word): at most `maxLength` characters, no control
 * characters (or the given `pattern`).
 */
export function textParam(
  options: TextParamOptions & { readonly default: string },
): DefaultedParam<string>;
export function textParam(options?: TextParamOptions): Param<string>;
export function textParam(
  options: TextParamOptions & { readonly default?: string } = {},
): Param<string> {
  const { maxLength = DEFAULT_MAX_TEXT_LENGTH, pattern = NO_CONTROL_CHARACTERS, ...rest } = options;
  return Type.Unsafe<string>({ type: 'string', maxLength, pattern, ...rest });
}

/** The parsed values of a parameters schema: required or defaulted ones always there. */
export type ParamsOf<P extends Record<string, TSchema>, R extends keyof P> = {
  readonly [
    K in keyof P as K extends R ? K : P[K] extends { default: unknown } ? K : never
  ]: Static<P[K]>;
} & {
  readonly [
    K in keyof P as K extends R ? never : P[K] extends { default: unknown } ? never : K
  ]?: Static<P[K]>;
};

/**
 * A querystring or path-parameters schema from its properties; its static type is the values a
 * handler gets (a parameter with a default or in `required` is always there). Unknown query
 * parameters are ignored, as MeshView ignores them.
 *
 * @example
 * const PacketSeenParamsSchema = paramsSchema({ packet_id: packetIdParam() }, ['packet_id']);
 * type PacketSeenParams = Static<typeof PacketSeenParamsSchema>; // { readonly packet_id: number }
 */
export function paramsSchema<P extends Record<string, TSchema>, R extends keyof P & string = never>(
  properties: P,
  required: readonly R[] = [],
): TUnsafe<ParamsOf<P, R>> {
  return Type.Unsafe<ParamsOf<P, R>>({
    type: 'object',
    properties,
    ...(required.length > 0 ? { required: [...required] } : {}),
  });
}
