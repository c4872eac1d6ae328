import { accept, reject, type FieldType } from './field-type.js';

/** A JSON array of non-empty strings, as MeshView's `[mqtt] topics = ["msh/US/#"]`. */
export function jsonStringArrayType(): FieldType<readonly string[]> {
  return {
    expected: 'a JSON array of strings, e.g. ["msh/#"]',
    acceptsEmpty: false,
    parse(text) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        return reject((error as Error).message);
      }
      if (!Array.isArray(value)) return reject();
      const items: readonly unknown[] = value;
      const bad = items.find((item) => typeof item !== 'string' || item.trim() === '');
      if (bad !== undefined) return reject(`${JSON.stringify(bad)} is not a non-empty string`);
      return accept(Object.freeze(items as string[]));
    },
  };
}
