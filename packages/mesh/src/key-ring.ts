import { xorHash } from './channel-hash.js';
import { defaultKey } from './default-key.js';
import { parseKey } from './parse-key.js';

const utf8 = new TextEncoder();
// Channel names are few; the cap only guards against a broker sending endless made-up names.
const MAX_CACHED_NAMES = 1024;

/** One key of a {@link KeyRing}, expanded, with what the key choice needs precomputed. */
export interface RingKey {
  /** 0 for the default key, n for the n-th of `[mqtt] secondary_keys`. */
  readonly index: number;
  /** The expanded key: 16 bytes (AES-128) or 32 (AES-256). */
  readonly key: Uint8Array;
  /** Xor of the key's bytes: a channel's hash is `xorHash(name) ^ keyHash`. */
  readonly keyHash: number;
  /** The index of an earlier identical key, which is tried in this one's place; else null. */
  readonly duplicateOf: number | null;
}

/** The keys to try for one packet, in order. */
export interface KeyCandidates {
  readonly keys: readonly RingKey[];
  /** How many of the first `keys` have a channel hash equal to the packet's. */
  readonly matched: number;
}

/** The channel keys the writer decrypts with: the default key first, then the configured ones. */
export interface KeyRing {
  readonly keys: readonly RingKey[];
  /**
   * The distinct keys in the order to try for a packet whose `MeshPacket.channel` is `hash`:
   * first those whose channel hash for one of `channelNames` (the topic's channel, the
   * envelope's `channel_id`) is `hash`, then all the others, each group in ring order.
   */
  candidates(hash: number, channelNames: readonly string[]): KeyCandidates;
}

/**
 * Builds the key ring from `[mqtt] secondary_keys` (see `parseKey` for what a key may be).
 *
 * @throws KeyError for the first key that cannot be used, naming its 1-based position.
 * @example createKeyRing(['Ag==', 'base64 of 32 bytes…'])
 */
export function createKeyRing(secondaryKeys: readonly string[]): KeyRing {
  const expanded = [defaultKey(), ...secondaryKeys.map((text, i) => parseKey(text, i + 1))];
  const keys: RingKey[] = [];
  const distinct: RingKey[] = [];
  for (const [index, key] of expanded.entries()) {
    const original = distinct.find((other) => sameBytes(other.key, key));
    const ringKey: RingKey = Object.freeze({
      index,
      key,
      keyHash: xorHash(key),
      duplicateOf: original?.index ?? null,
    });
    keys.push(ringKey);
    if (original === undefined) distinct.push(ringKey);
  }
  const nameHashes = new Map<string, number>();
  const nameHash = (name: string): number => {
    let hash = nameHashes.get(name);
    if (hash === undefined) {
      hash = xorHash(utf8.encode(name));
      if (nameHashes.size >= MAX_CACHED_NAMES) nameHashes.clear();
      nameHashes.set(name, hash);
    }
    return hash;
  };
  const choose = (hash: number, channelNames: readonly string[]): KeyCandidates => {
    const names = channelNames.map(nameHash);
    const matching: RingKey[] = [];
    const others: RingKey[] = [];
    for (const key of distinct) {
      const fits = names.some((name) => (name ^ key.keyHash) === hash);
      (fits ? matching : others).push(key);
    }
    return Object.freeze({
      keys: Object.freeze(matching.concat(others)),
      matched: matching.length,
    });
  };
  // The choice for the usual case, one channel name, by name and hash: it is the same for every
  // packet of a channel, and working it out each time showed in profiles.
  const chosen = new Map<string, (KeyCandidates | undefined)[]>();
  return Object.freeze({
    keys: Object.freeze(keys),
    candidates(hash: number, channelNames: readonly string[]): KeyCandidates {
      // A channel hash is one byte; other values (a buggy sender) are not worth keeping.
      if (channelNames.length !== 1 || hash > 0xff) return choose(hash, channelNames);
      const name = channelNames[0]!;
      let byHash = chosen.get(name);
      if (byHash === undefined) {
        if (chosen.size >= MAX_CACHED_NAMES) chosen.clear();
        byHash = [];
        chosen.set(name, byHash);
      }
      return (byHash[hash] ??= choose(hash, channelNames));
    },
  });
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
