import { accept, reject, type FieldType } from './field-type.js';

// One or more `/segment`s of URL path characters (RFC 3986 pchar, without percent-decoding).
const PATH = /^(?:\/[\w.~!$&'()*+,;=:@%-]+)+$/;

/**
 * A URL path prefix under which the reader is served behind a proxy, e.g. `/meshview`. Read
 * without its trailing `/`; empty or `/` means the site root (`''`).
 */
export function basePathType(): FieldType<string> {
  return {
    expected: 'a URL path such as /meshview (or empty for the site root)',
    acceptsEmpty: true,
    parse(text) {
      const path = text.replace(/\/+$/, '');
      return path === '' || PATH.test(path) ? accept(path) : reject();
    },
  };
}
