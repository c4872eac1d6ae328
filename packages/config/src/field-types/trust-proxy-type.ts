import { booleanType } from './boolean-type.js';
import { accept, reject, type FieldType } from './field-type.js';

// An IPv4/IPv6 address or CIDR, or one of proxy-addr's named ranges (what Fastify accepts).
const ADDRESS = /^(?:[0-9a-f:.]+(?:\/\d{1,3})?|loopback|linklocal|uniquelocal)$/i;

/**
 * Which proxies the reader trusts for `X-Forwarded-*` (Fastify's `trustProxy`): a boolean, or a
 * comma-separated list of addresses, CIDR ranges or `loopback`/`linklocal`/`uniquelocal`.
 */
export function trustProxyType(): FieldType<boolean | readonly string[]> {
  const asBoolean = booleanType();
  return {
    expected: 'a boolean or a comma-separated list of proxy addresses or CIDR ranges',
    acceptsEmpty: false,
    parse(text, context) {
      const flag = asBoolean.parse(text, context);
      if (flag.ok) return flag;
      const addresses = text
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '');
      const bad = addresses.find((address) => !ADDRESS.test(address));
      if (bad !== undefined) return reject(`${JSON.stringify(bad)} is not an address or range`);
      return accept(Object.freeze(addresses));
    },
  };
}
