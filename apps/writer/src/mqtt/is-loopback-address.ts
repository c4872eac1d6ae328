import { BlockList, isIP } from 'node:net';

// BlockList matches IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) against the IPv4 rules.
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Whether a socket address (as `server.address().address` gives it) is reachable only from this
 * machine: `127.0.0.0/8`, `::1` and their IPv4-mapped form. The any-addresses (`0.0.0.0`, `::`)
 * and every other address are not.
 *
 * @example
 * isLoopbackAddress('127.0.0.1'); // true
 * isLoopbackAddress('::'); // false: all interfaces
 */
export function isLoopbackAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return LOOPBACK.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
