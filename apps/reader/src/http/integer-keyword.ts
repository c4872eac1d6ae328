import { INTEGER_KEYWORD, type IntegerRule } from '@meshview/api';
import { parsePythonInt } from './parse-python-int.js';

interface KeywordError {
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

const MAX = BigInt(Number.MAX_SAFE_INTEGER);
const MIN = BigInt(Number.MIN_SAFE_INTEGER);
/** Decimal digits without a leading zero, short enough to be exact as a number. */
const PLAIN_DECIMAL = /^(?:0|[1-9][0-9]{0,14})$/;

/**
 * An Ajv keyword that parses a query or path parameter the way MeshView does, replaces it with
 * the number (so handlers get a `number`), clamps or refuses it by the rule's bounds, and refuses
 * a parameter given twice. Installed by `buildApp`; schemas use it through `@meshview/api`'s `integerParam()`.
 */
export function addIntegerKeyword<A extends AjvLike>(ajv: A): A {
  const validate = (rule: IntegerRule, data: unknown, _schema: unknown, cxt?: DataCxt) => {
    const fail = (message: string, params: Record<string, unknown> = {}) => {
      (validate as { errors?: KeywordError[] }).errors = [
        { keyword: INTEGER_KEYWORD, message, params },
      ];
      return false;
    };
    if (Array.isArray(data)) return fail('must be given once, not repeated');
    // The common case (a plain decimal, or a number default) without BigInt: same outcome.
    const simple =
      typeof data === 'number'
        ? Number.isSafeInteger(data)
          ? data
          : undefined
        : typeof data === 'string' && PLAIN_DECIMAL.test(data)
          ? Number(data)
          : undefined;
    if (simple !== undefined) {
      let number = simple;
      if (rule.minimum !== undefined && number < rule.minimum) {
        if (!rule.clamp) return fail(`must be at least ${rule.minimum}`, { limit: rule.minimum });
        number = rule.minimum;
      } else if (rule.maximum !== undefined && number > rule.maximum) {
        if (!rule.clamp) return fail(`must be at most ${rule.maximum}`, { limit: rule.maximum });
        number = rule.maximum;
      }
      if (cxt?.parentData && cxt.parentDataProperty !== undefined) {
        (cxt.parentData as Record<string | number, unknown>)[cxt.parentDataProperty] = number;
      }
      return true;
    }
    let value: bigint;
    if (typeof data === 'number') {
      if (!Number.isSafeInteger(data)) return fail('must be an integer');
      value = BigInt(data);
    } else if (typeof data === 'string') {
      const parsed = parsePythonInt(data, rule.base);
      if (!parsed.ok) return fail(parsed.reason);
      value = parsed.value;
    } else {
      return fail('must be an integer');
    }
    const min = rule.minimum !== undefined ? BigInt(rule.minimum) : MIN;
    const max = rule.maximum !== undefined ? BigInt(rule.maximum) : MAX;
    if (value < min) {
      if (!rule.clamp) return fail(`must be at least ${min}`, { limit: Number(min) });
      value = min;
    } else if (value > max) {
      if (!rule.clamp) return fail(`must be at most ${max}`, { limit: Number(max) });
      value = max;
    }
    if (cxt?.parentData && cxt.parentDataProperty !== undefined) {
      (cxt.parentData as Record<string | number, unknown>)[cxt.parentDataProperty] = Number(value);
    }
    return true;
  };
  ajv.addKeyword({
    keyword: INTEGER_KEYWORD,
    schemaType: 'object',
    modifying: true,
    errors: true,
    validate,
  });
  return ajv;
}

interface DataCxt {
  readonly parentData?: unknown;
  readonly parentDataProperty?: string | number;
}

/** The part of Ajv this keyword needs (Fastify hands its Ajv instance to `ajv.plugins`). */
export interface AjvLike {
  // Ajv's own definition type is a union of shapes this package does not import Ajv for; a
  // method's parameter is compared both ways, so Ajv's narrower one still fits `unknown`.
  addKeyword(definition: unknown): unknown;
}
