import { describeRange, inRange, type NumberRange } from './describe-range.js';
import { accept, reject, type FieldType } from './field-type.js';

// Python's int() also accepts `_` digit separators; config files do not use them.
const INTEGER = /^[+-]?\d+$/;

/** A base-10 integer such as `14`, `-3` or `00`, optionally within a range. */
export function integerType(range: NumberRange = {}): FieldType<number> {
  return {
    expected: describeRange('an integer', range),
    acceptsEmpty: false,
    parse(text) {
      const value = Number(text);
      return INTEGER.test(text) && Number.isSafeInteger(value) && inRange(value, range)
        ? accept(value)
        : reject();
    },
  };
}
