import { accept, type FieldType } from './field-type.js';

/** `inner`, or `null` when the value is empty, as MeshView's `tls_cert =` means "no TLS". */
export function optionalType<T>(inner: FieldType<T>): FieldType<T | null> {
  return {
    expected: inner.expected,
    acceptsEmpty: true,
    ...(inner.display ? { display: inner.display } : {}),
    parse: (text, context) => (text === '' ? accept(null) : inner.parse(text, context)),
  };
}
