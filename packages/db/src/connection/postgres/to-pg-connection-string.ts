import type { PostgresTarget } from '../connection-target.js';

/**
 * A `postgres://` URL that pg parses back into exactly `target` (the driver suffix dropped, every
 * part re-encoded), with `extraOptions` appended to the `options` parameter (`-c name=value`).
 * pg lets a connection string override explicit settings, so everything goes through it.
 */
export function toPgConnectionString(
  target: PostgresTarget,
  { extraOptions }: { readonly extraOptions?: string | undefined } = {},
): string {
  let auth = '';
  if (target.user !== null) {
    const password = target.password === null ? '' : `:${encodeURIComponent(target.password)}`;
    auth = `${encodeURIComponent(target.user)}${password}@`;
  }
  const host =
    target.host === null ? '' : target.host.includes(':') ? `[${target.host}]` : target.host;
  const port = target.port === null ? '' : `:${target.port}`;
  // pg decodes the database name with decodeURI, hence encodeURI.
  const database = target.database === null ? '' : `/${encodeURI(target.database)}`;
  const params = new URLSearchParams(target.params);
  if (extraOptions !== undefined) {
    const options = params.get('options');
    params.set('options', options === null ? extraOptions : `${options} ${extraOptions}`);
  }
  const query = params.size === 0 ? '' : `?${params.toString()}`;
  return `postgres://${auth}${host}${port}${database}${query}`;
}
