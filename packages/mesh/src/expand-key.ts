import { defaultKey } from './default-key.js';

/**
 * Expands a channel PSK the way the firmware does (`Channels::getKey`): a one-byte PSK `n` is
 * shorthand for the default key with its last byte set to `0x01 + n − 1` (so `AQ==` is the
 * default key itself); PSKs of 2–15 bytes are zero-padded to 16 bytes and of 17–31 bytes to 32.
 * Returns null when the PSK means "no encryption" (empty, or the one byte 0).
 *
 * @throws RangeError for PSKs longer than 32 bytes, which no channel can hold.
 */
export function expandKey(psk: Uint8Array): Uint8Array | null {
  const length = psk.length;
  if (length === 0 || (length === 1 && psk[0] === 0)) return null;
  if (length === 1) {
    const key = defaultKey();
    key[15] = (0x01 + psk[0]! - 1) & 0xff;
    return key;
  }
  if (length > 32) throw new RangeError(`a channel key has at most 32 bytes, not ${length}`);
  if (length === 16 || length === 32) return Uint8Array.from(psk);
  const padded = new Uint8Array(length < 16 ? 16 : 32);
  padded.set(psk);
  return padded;
}
