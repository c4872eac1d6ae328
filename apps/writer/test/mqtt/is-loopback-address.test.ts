import { describe, expect, it } from 'vitest';
import { isLoopbackAddress } from '../../src/mqtt/is-loopback-address.js';

describe('isLoopbackAddress', () => {
  it('knows the addresses only this machine can reach', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) {
      expect(isLoopbackAddress(address), address).toBe(true);
    }
  });

  it('counts the any-addresses, other addresses and names as reachable from elsewhere', () => {
    for (const address of ['0.0.0.0', '::', '192.168.1.5', 'fd00::2', '::ffff:10.0.0.1', 'x']) {
      expect(isLoopbackAddress(address), address).toBe(false);
    }
  });
});
