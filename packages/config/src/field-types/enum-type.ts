import { accept, reject, type FieldType } from './field-type.js';

/**
 * One of a fixed set of words, matched case-insensitively; `choices` maps each accepted spelling
 * (lowercase) to its value, so synonyms can share one.
 */
export function enumType<T>(
  choices: ReadonlyMap<string, T>,
  expected = `one of ${[...choices.keys()].join(', ')}`,
): FieldType<T> {
  return {
    expected,
    acceptsEmpty: false,
    parse(text) {
      const key = text.toLowerCase();
      return choices.has(key) ? accept(choices.get(key) as T) : reject();
    },
  };
}
