/**
 * AES encryption of single blocks (FIPS-197), for AES-CTR: the ingest path decrypts one short
 * packet at a time, and a call into node:crypto costs more than the few blocks it encrypts
 * (the call, and the buffer it returns). Only encryption, since CTR decrypts by encrypting.
 * Written from the standard with 32-bit round tables: a round is sixteen table look-ups.
 */

/** The S-box and the four round tables, computed from the field GF(2^8) at load. */
const SBOX = new Uint8Array(256);
const T0 = new Int32Array(256);
const T1 = new Int32Array(256);
const T2 = new Int32Array(256);
const T3 = new Int32Array(256);

/** Multiplication by x (that is, 2) in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1. */
const xtime = (a: number): number => ((a << 1) ^ (a & 0x80 ? 0x1b : 0)) & 0xff;
const rotateRight8 = (word: number): number => (word >>> 8) | (word << 24);

{
  // Powers of the generator 3 give logarithms, and with them inverses.
  const exp = new Uint8Array(256);
  const log = new Uint8Array(256);
  for (let i = 0, x = 1; i < 255; i++, x ^= xtime(x)) {
    exp[i] = x;
    log[x] = i;
  }
  for (let a = 0; a < 256; a++) {
    const inverse = a === 0 ? 0 : exp[(255 - log[a]!) % 255]!;
    // The affine map: the inverse xor its four left rotations xor 0x63.
    let s = inverse;
    for (let k = 1, r = inverse; k <= 4; k++) {
      r = ((r << 1) | (r >>> 7)) & 0xff;
      s ^= r;
    }
    SBOX[a] = s ^ 0x63;
  }
  for (let a = 0; a < 256; a++) {
    const s = SBOX[a]!;
    const s2 = xtime(s);
    // A byte of row 0 contributes (2s, s, s, 3s) to its column after MixColumns; rows 1 to 3
    // the same rotated.
    const t = (s2 << 24) | (s << 16) | (s << 8) | (s2 ^ s);
    T0[a] = t;
    T1[a] = rotateRight8(t);
    T2[a] = rotateRight8(T1[a]!);
    T3[a] = rotateRight8(T2[a]!);
  }
}

const subWord = (w: number): number =>
  (SBOX[w >>> 24]! << 24) |
  (SBOX[(w >>> 16) & 0xff]! << 16) |
  (SBOX[(w >>> 8) & 0xff]! << 8) |
  SBOX[w & 0xff]!;

/**
 * The encryption key schedule of a 16-byte (AES-128) or 32-byte (AES-256) key: 4 × (rounds + 1)
 * big-endian words.
 */
export function expandEncryptionKey(key: Uint8Array): Int32Array {
  const nk = key.length / 4;
  const rounds = nk + 6;
  const words = new Int32Array(4 * (rounds + 1));
  for (let i = 0; i < nk; i++) {
    words[i] =
      (key[4 * i]! << 24) | (key[4 * i + 1]! << 16) | (key[4 * i + 2]! << 8) | key[4 * i + 3]!;
  }
  for (let i = nk, rcon = 1; i < words.length; i++) {
    let temp = words[i - 1]!;
    if (i % nk === 0) {
      temp = subWord((temp << 8) | (temp >>> 24)) ^ (rcon << 24);
      rcon = xtime(rcon);
    } else if (nk > 6 && i % nk === 4) {
      temp = subWord(temp);
    }
    words[i] = words[i - nk]! ^ temp;
  }
  return words;
}

/**
 * Encrypts the block given as four big-endian words with a key schedule, writing the four
 * output words to `out`.
 */
export function encryptBlock(
  schedule: Int32Array,
  w0: number,
  w1: number,
  w2: number,
  w3: number,
  out: Int32Array,
): void {
  const rounds = schedule.length / 4 - 1;
  let s0 = w0 ^ schedule[0]!;
  let s1 = w1 ^ schedule[1]!;
  let s2 = w2 ^ schedule[2]!;
  let s3 = w3 ^ schedule[3]!;
  let k = 4;
  for (let round = 1; round < rounds; round++, k += 4) {
    // SubBytes, ShiftRows (column j takes row r from column j + r) and MixColumns at once.
    const t0 =
      T0[s0 >>> 24]! ^
      T1[(s1 >>> 16) & 0xff]! ^
      T2[(s2 >>> 8) & 0xff]! ^
      T3[s3 & 0xff]! ^
      schedule[k]!;
    const t1 =
      T0[s1 >>> 24]! ^
      T1[(s2 >>> 16) & 0xff]! ^
      T2[(s3 >>> 8) & 0xff]! ^
      T3[s0 & 0xff]! ^
      schedule[k + 1]!;
    const t2 =
      T0[s2 >>> 24]! ^
      T1[(s3 >>> 16) & 0xff]! ^
      T2[(s0 >>> 8) & 0xff]! ^
      T3[s1 & 0xff]! ^
      schedule[k + 2]!;
    const t3 =
      T0[s3 >>> 24]! ^
      T1[(s0 >>> 16) & 0xff]! ^
      T2[(s1 >>> 8) & 0xff]! ^
      T3[s2 & 0xff]! ^
      schedule[k + 3]!;
    s0 = t0;
    s1 = t1;
    s2 = t2;
    s3 = t3;
  }
  // The last round has no MixColumns.
  out[0] = finalColumn(s0, s1, s2, s3) ^ schedule[k]!;
  out[1] = finalColumn(s1, s2, s3, s0) ^ schedule[k + 1]!;
  out[2] = finalColumn(s2, s3, s0, s1) ^ schedule[k + 2]!;
  out[3] = finalColumn(s3, s0, s1, s2) ^ schedule[k + 3]!;
}

function finalColumn(a: number, b: number, c: number, d: number): number {
  return (
    (SBOX[a >>> 24]! << 24) |
    (SBOX[(b >>> 16) & 0xff]! << 16) |
    (SBOX[(c >>> 8) & 0xff]! << 8) |
    SBOX[d & 0xff]!
  );
}
