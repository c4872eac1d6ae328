const NAMED: Readonly<Record<number, string>> = {
  0x09: '\\t',
  0x0a: '\\n',
  0x0d: '\\r',
  0x22: '\\"',
  0x27: "\\'",
  0x5c: '\\\\',
};

/**
 * Python protobuf's `text_encoding.CEscape(bytes, as_utf8=False)`: printable ASCII as is, the six
 * named escapes, every other byte (UTF-8 of non-ASCII text included) as a three-digit octal escape.
 */
export function cEscape(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    const named = NAMED[byte];
    if (named !== undefined) out += named;
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return out;
}
