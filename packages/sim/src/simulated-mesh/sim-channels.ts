import { DEFAULT_KEY, SECRET_KEY } from '../keys.js';
import type { KeyKind } from './mesh-record.js';

/**
 * The secondary channel's key (AES-128), base64: give it to the writer as
 * `[mqtt] secondary_keys = <this>` (or `MESHVIEW_MQTT__SECONDARY_KEYS`) so that it decrypts the
 * simulated mesh's `Hikers` channel.
 */
export const SIM_SECONDARY_KEY_BASE64 = 'c2ltdWxhdGVkIGhpa2Vycw==';

/** The secondary channel's name. */
export const SIM_SECONDARY_CHANNEL = 'Hikers';

/** A channel of the simulated mesh: its name (the topic's channel) and key. */
export interface SimChannel {
  readonly name: string;
  readonly keyKind: KeyKind;
  readonly key: Uint8Array;
}

/** The three channels, by key kind: LongFast (default key), Hikers, and Private (no key given). */
export const SIM_CHANNELS: Readonly<Record<KeyKind, SimChannel>> = Object.freeze({
  default: { name: 'LongFast', keyKind: 'default', key: DEFAULT_KEY },
  secondary: {
    name: SIM_SECONDARY_CHANNEL,
    keyKind: 'secondary',
    key: new Uint8Array(Buffer.from(SIM_SECONDARY_KEY_BASE64, 'base64')),
  },
  unknown: { name: 'Private', keyKind: 'unknown', key: SECRET_KEY },
});
