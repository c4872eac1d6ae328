/**
 * The connection string with its password (in the URL's user part or a `password` query
 * parameter) replaced by `***`, safe for logs and messages.
 *
 * @example redactConnectionString('postgresql://meshview:s3cret@db/meshview')
 * // 'postgresql://meshview:***@db/meshview'
 */
export function redactConnectionString(value: string): string {
  return value
    .replace(/^([\w+]+:\/\/[^:/@]*:)[^@]*@/, '$1***@')
    .replace(/([?&]password=)[^&]*/gi, '$1***');
}
