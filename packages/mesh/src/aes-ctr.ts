import { encryptBlock, expandEncryptionKey } from './aes-encryptor.js';
import { allocateBytes } from './byte-slab.js';

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

// The key schedule of each key, kept: the ring's keys are the same few arrays for every packet.
const schedules = new WeakMap<Uint8Array, Int32Array>();
const block = new Int32Array(4);

/**
 * AES-CTR over a packet's payload with its Meshtastic nonce: decrypts `encrypted` (and, being
 * CTR, encrypts plaintext alike). A 16-byte key selects AES-128, a 32-byte key AES-256; the
 * firmware's 4-byte big-endian counter in the nonce's last bytes is the standard full-block
 * counter for any packet length. Returns a new array (see `allocateBytes`).
 */
export function aesCtr(
  key: Uint8Array,
  packetId: number,
  from: number,
  input: Uint8Array,
): Uint8Array {
  let schedule = schedules.get(key);
  if (schedule === undefined) {
    schedule = expandEncryptionKey(key);
    schedules.set(key, schedule);
  }
  // The counter block as big-endian words: the id and the sender are little-endian in it.
  const id = byteSwap(packetId);
  const sender = byteSwap(from);
  const output = allocateBytes(input.length);
  for (let at = 0, counter = 0; at < input.length; at += 16, counter++) {
    encryptBlock(schedule, id, 0, sender, counter, block);
    const end = Math.min(at + 16, input.length);
    for (let i = at; i < end; i++) {
      const word = block[(i - at) >> 2]!;
      output[i] = input[i]! ^ ((word >>> (24 - 8 * ((i - at) & 3))) & 0xff);
    }
  }
  return output;
}

function byteSwap(value: number): number {
  return (
    ((value & 0xff) << 24) |
    ((value & 0xff00) << 8) |
    ((value >>> 8) & 0xff00) |
    ((value >>> 24) & 0xff)
  );
}
