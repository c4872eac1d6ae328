/**
 * The `MeshPacket.channel` a receiver expects for a channel: xor of the name's bytes xor xor of
 * the key's bytes, computed here rather than by packages/mesh.
 */
export function expectedChannelHash(name: string, key: Uint8Array): number {
  let hash = 0;
  for (const byte of Buffer.from(name, 'utf8')) hash ^= byte;
  for (const byte of key) hash ^= byte;
  return hash;
}
