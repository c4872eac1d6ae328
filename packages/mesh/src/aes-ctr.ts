import { createDecipheriv } from 'node:crypto';

/**
 * The 16-byte AES-CTR nonce of a packet (`CryptoEngine::initNonce`): the packet id as a uint64
 * little-endian, the sender's node number as a uint32 little-endian, then four zero bytes (the
 * block counter, which starts at 0).
 */
export function packetNonce(packetId: number, from: number): Buffer {
  const nonce = Buffer.alloc(16);
  nonce.writeUInt32LE(packetId >>> 0, 0);
  nonce.writeUInt32LE(from >>> 0, 8);
  return nonce;
}

/**
 * AES-CTR over a packet's payload with its Meshtastic nonce: decrypts `encrypted` (and, being
 * CTR, encrypts plaintext alike). A 16-byte key selects AES-128, a 32-byte key AES-256; the
 * firmware's 4-byte big-endian counter equals Node's full-block counter for any packet length.
 */
export function aesCtr(
  key: Uint8Array,
  packetId: number,
  from: number,
  input: Uint8Array,
): Uint8Array {
  const algorithm = key.length === 32 ? 'aes-256-ctr' : 'aes-128-ctr';
  const cipher = createDecipheriv(algorithm, key, packetNonce(packetId, from));
  const head = cipher.update(input);
  const tail = cipher.final();
  return tail.length === 0 ? head : Buffer.concat([head, tail]);
}
