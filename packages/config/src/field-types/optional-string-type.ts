import { accept, type FieldType } from './field-type.js';

/** Text where an empty value means "not set" (`null`), as MeshView's `tls_cert =` does. */
export function optionalStringType(): FieldType<string | null> {
  return {
    expected: 'a string',
    acceptsEmpty: true,
    parse: (text) => accept(text === '' ? null : text),
  };
}
