import { accept, type FieldType } from './field-type.js';

/**
 * Text taken as written. With `acceptsEmpty: false` an empty value means the default (for names
 * and paths that cannot be empty); with `true` it is an empty string (for free text).
 */
export function stringType(options: { readonly acceptsEmpty: boolean }): FieldType<string> {
  return { expected: 'a string', acceptsEmpty: options.acceptsEmpty, parse: accept };
}
