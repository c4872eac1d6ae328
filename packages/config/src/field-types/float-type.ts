import { describeRange, inRange, type NumberRange } from './describe-range.js';
import { accept, reject, type FieldType } from './field-type.js';

// What Python's float() accepts, less `inf`, `nan` and `_` separators.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** A decimal number such as `39`, `-123.5` or `2e3`, optionally within a range. */
export function floatType(range: NumberRange = {}): FieldType<number> {
  return {
    expected: describeRange('a number', range),
    acceptsEmpty: false,
    parse(text) {
      const value = Number(text);
      return DECIMAL.test(text) && Number.isFinite(value) && inRange(value, range)
        ? accept(value)
        : reject();
    },
  };
}
