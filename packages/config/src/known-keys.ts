import type { FieldSpec } from './section-spec.js';

/** Every INI key a section accepts, its aliases included, mapped to the field that reads it. */
export function knownKeys(section: object): ReadonlyMap<string, FieldSpec<unknown>> {
  const keys = new Map<string, FieldSpec<unknown>>();
  for (const field of Object.values(section) as FieldSpec<unknown>[]) {
    for (const key of [field.key, ...(field.aliases ?? [])]) keys.set(key, field);
  }
  return keys;
}
