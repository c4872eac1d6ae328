import { accept, reject, type FieldType } from './field-type.js';

// configparser's BOOLEAN_STATES, matched case-insensitively as getboolean() does.
const BOOLEAN_STATES: ReadonlyMap<string, boolean> = new Map([
  ['1', true],
  ['yes', true],
  ['true', true],
  ['on', true],
  ['0', false],
  ['no', false],
  ['false', false],
  ['off', false],
]);

/** A boolean as configparser's `getboolean()` reads it: `1/yes/true/on`, `0/no/false/off`. */
export function booleanType(): FieldType<boolean> {
  return {
    expected: 'a boolean (true/false, yes/no, on/off, 1/0)',
    acceptsEmpty: false,
    parse(text) {
      const value = BOOLEAN_STATES.get(text.toLowerCase());
      return value === undefined ? reject() : accept(value);
    },
  };
}
