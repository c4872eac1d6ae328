const utf8 = new TextEncoder();

/** The xor of all bytes: one half of a channel hash. */
export function xorHash(bytes: Uint8Array): number {
  let hash = 0;
  for (const byte of bytes) hash ^= byte;
  return hash;
}

/**
 * The one-byte channel hash a packet carries in `MeshPacket.channel` while encrypted
 * (`Channels::generateHash`): xor of the name's UTF-8 bytes xor xor of the expanded key's bytes.
 *
 * @example channelHash('LongFast', defaultKey()) // 8
 */
export function channelHash(name: string, key: Uint8Array): number {
  return xorHash(utf8.encode(name)) ^ xorHash(key);
}
