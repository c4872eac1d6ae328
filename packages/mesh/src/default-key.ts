/**
 * The default channel key as configured (`AQ==`, PSK index 1) expands to this key, and it is
 * the first key of every key ring.
 */
export const DEFAULT_KEY_BASE64 = '1PG7OiApB1nwvP+rz05pAQ==';

const DEFAULT_KEY = Object.freeze([
  0xd4, 0xf1, 0xbb, 0x3a, 0x20, 0x29, 0x07, 0x59, 0xf0, 0xbc, 0xff, 0xab, 0xcf, 0x4e, 0x69, 0x01,
]);

/**
 * The firmware's `defaultpsk` (`Channels.cpp`): a fresh copy each call, so no caller can change
 * it for the others.
 */
export function defaultKey(): Uint8Array {
  return Uint8Array.from(DEFAULT_KEY);
}
