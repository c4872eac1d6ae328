import { createCipheriv, type Cipher } from 'node:crypto';

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

// One AES-ECB cipher per key, kept: CTR's keystream is ECB over the counter blocks, and setting
// up a cipher costs more than decrypting a packet (this is the ingest hot path).
const ecbByKey = new WeakMap<Uint8Array, Cipher>();

function ecb(key: Uint8Array): Cipher {
  let cipher = ecbByKey.get(key);
  if (!cipher) {
    cipher = createCipheriv(key.length === 32 ? 'aes-256-ecb' : 'aes-128-ecb', key, null);
    cipher.setAutoPadding(false);
    ecbByKey.set(key, cipher);
  }
  return cipher;
}

// The counter blocks of one call, rewritten each time (the ingest path decrypts one packet at a
// time): allocating them per packet, as the output, showed in profiles.
let counters = Buffer.alloc(256);

/**
 * AES-CTR over a packet's payload with its Meshtastic nonce: decrypts `encrypted` (and, being
 * CTR, encrypts plaintext alike). A 16-byte key selects AES-128, a 32-byte key AES-256; the
 * firmware's 4-byte big-endian counter in the nonce's last bytes is the standard full-block
 * counter for any packet length. Returns a new array; `input` is left as it is.
 */
export function aesCtr(
  key: Uint8Array,
  packetId: number,
  from: number,
  input: Uint8Array,
): Uint8Array {
  const blocks = Math.ceil(input.length / 16);
  if (counters.length < blocks * 16) counters = Buffer.alloc(blocks * 32);
  for (let i = 0; i < blocks; i++) {
    const at = i * 16;
    counters.writeUInt32LE(packetId >>> 0, at);
    counters.writeUInt32LE(0, at + 4);
    counters.writeUInt32LE(from >>> 0, at + 8);
    counters.writeUInt32BE(i, at + 12);
  }
  // The keystream is a fresh buffer: xor the input into it rather than into yet another one.
  const stream = ecb(key).update(counters.subarray(0, blocks * 16));
  for (let i = 0; i < input.length; i++) stream[i] = stream[i]! ^ input[i]!;
  return input.length === stream.length ? stream : stream.subarray(0, input.length);
}
