import { accept, reject, type FieldType } from './field-type.js';

const QUOTED = /^(["'])(.*)\1$/s;

/**
 * A comma-separated list whose items are read by `item`. Items are stripped and lose surrounding
 * quotes (as MeshView does for `secondary_keys`); empty items are dropped, so an empty value is
 * an empty list.
 */
export function commaListType<T>(item: FieldType<T>, noun: string): FieldType<readonly T[]> {
  return {
    expected: `a comma-separated list of ${noun}`,
    acceptsEmpty: true,
    parse(text, context) {
      const values: T[] = [];
      for (const part of text.split(',')) {
        const trimmed = part.trim();
        const unquoted = (QUOTED.exec(trimmed)?.[2] ?? trimmed).trim();
        if (unquoted === '') continue;
        const result = item.parse(unquoted, context);
        if (!result.ok) return reject(`${JSON.stringify(unquoted)} is not ${item.expected}`);
        values.push(result.value);
      }
      return accept(Object.freeze(values));
    },
  };
}
