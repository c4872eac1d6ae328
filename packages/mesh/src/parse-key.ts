import { KeyError } from './errors.js';
import { expandKey } from './expand-key.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Reads one of `[mqtt] secondary_keys` (`position` is its 1-based place in the list) and returns
 * the expanded key, 16 or 32 bytes. Accepts padded base64 in the standard or URL-safe alphabet,
 * as the apps show a channel's PSK: the one-byte shorthand (`AQ==`, `Ag==` …), 16- and 32-byte
 * keys, and 2–15 / 17–31-byte keys, which are zero-padded as the firmware pads them.
 *
 * @throws KeyError naming the position, the key and what is wrong.
 */
export function parseKey(text: string, position: number): Uint8Array {
  const trimmed = text.trim();
  if (trimmed === '') {
    throw new KeyError('MESH_KEY_EMPTY', position, text, 'is empty; remove it from the list');
  }
  const standard = trimmed.replaceAll('-', '+').replaceAll('_', '/');
  if (!BASE64.test(standard)) {
    throw new KeyError(
      'MESH_KEY_NOT_BASE64',
      position,
      text,
      'is not base64; give the channel key as the Meshtastic app shows it, e.g. "1PG7OiApB1nwvP+rz05pAQ==" or the shorthand "Ag=="',
    );
  }
  const psk = Buffer.from(standard, 'base64');
  if (psk.length > 32) {
    throw new KeyError(
      'MESH_KEY_BAD_LENGTH',
      position,
      text,
      `is ${psk.length} bytes long; a channel key is 1 (shorthand), 16 or 32 bytes`,
    );
  }
  const key = expandKey(psk);
  if (key === null) {
    throw new KeyError(
      'MESH_KEY_NO_ENCRYPTION',
      position,
      text,
      'means "no encryption" (PSK index 0); remove it: unencrypted packets are read without a key',
    );
  }
  return key;
}
