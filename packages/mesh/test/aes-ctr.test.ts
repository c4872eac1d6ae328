import { create, toBinary } from '@bufbuild/protobuf';
import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aesCtr, createKeyRing, defaultKey, interpretEnvelope, packetNonce } from '../src/index.js';
import { encryptBlock, expandEncryptionKey } from '../src/aes-encryptor.js';
import { Mqtt } from '../src/protobufs.js';
import { DEFAULT_KEY, encryptData, seededRandom } from '@meshview/sim';

/**
 * Two raw LoRa frames (16-byte header, then the encrypted Data) captured on a ShortSlow mesh
 * with the default key, from a public Meshtastic decoder's sources: known answers that do not
 * depend on how this package or its tests understand the nonce.
 */
const CAPTURED = [
  {
    frame:
      'ffffffff507c49ca5c671a7e6377005032d4aa06a4bc613dce8bbb4adbdced4ad984ff5c4d6a88eee8ee318551' +
      'b6589cbc5df604aeac00b79ce2e5f4cfca5d8b491079e5e79a51be5b1ef94dbf5d1990a2bed63f9783e1d9ba' +
      'b227b9383b8799c1ac297386',
    portnum: 4,
    value: { id: '!ca497c50', longName: 'Meshtastic 7c50', shortName: '7c50' },
  },
  {
    frame: 'ffffffff50cd5da4653519ce6377000076bcaa3acd186e7124411e3060afa0',
    portnum: 1,
    value: 'Hola mano',
  },
];

function header(frame: Buffer) {
  return { to: frame.readUInt32LE(0), from: frame.readUInt32LE(4), id: frame.readUInt32LE(8) };
}

describe('packetNonce', () => {
  it('is the packet id as uint64 LE, the sender as uint32 LE, then four zero bytes', () => {
    expect(packetNonce(0x01020304, 0xa1b2c3d4).toString('hex')).toBe(
      '04030201' + '00000000' + 'd4c3b2a1' + '00000000',
    );
  });
});

describe('aesCtr', () => {
  it('decrypts what the test encrypts, with 16- and 32-byte keys', () => {
    const plaintext = Buffer.from('x'.repeat(300)); // several blocks
    for (const key of [DEFAULT_KEY, new Uint8Array(32).fill(0x5a)]) {
      const ciphertext = encryptData(plaintext, { key, id: 0xfeedbeef, from: 0x12345678 });
      expect(ciphertext).not.toEqual(new Uint8Array(plaintext));
      expect(Buffer.from(aesCtr(key, 0xfeedbeef, 0x12345678, ciphertext))).toEqual(plaintext);
    }
  });

  it('decrypts packets captured over the air', () => {
    for (const { frame } of CAPTURED) {
      const bytes = Buffer.from(frame, 'hex');
      const { id, from } = header(bytes);
      const plaintext = aesCtr(defaultKey(), id, from, bytes.subarray(16));
      expect(plaintext[0]).toBe(0x08); // Data.portnum's tag
    }
  });
});

describe('interpretEnvelope on captured packets', () => {
  it.each(CAPTURED)('decodes port $portnum with the key its channel hash (119) names', (c) => {
    const bytes = Buffer.from(c.frame, 'hex');
    const { to, from, id } = header(bytes);
    expect(bytes[13]).toBe(119); // ShortSlow with the default key
    const envelope = toBinary(
      Mqtt.ServiceEnvelopeSchema,
      create(Mqtt.ServiceEnvelopeSchema, {
        packet: {
          to,
          from,
          id,
          channel: bytes[13]!,
          payloadVariant: { case: 'encrypted', value: bytes.subarray(16) },
        },
        channelId: 'ShortSlow',
        gatewayId: '!ca497c50',
      }),
    );
    const result = interpretEnvelope('msh/EU_868/2/e/ShortSlow/!ca497c50', envelope, {
      keyRing: createKeyRing(['Ag==']),
      skipNodeIds: new Set(),
      nowUs: 1,
    });
    expect(result).toMatchObject({
      kind: 'packet',
      record: {
        decryption: 'decrypted',
        keyIndex: 0,
        packet: { portnum: c.portnum },
        decoded: { portnum: c.portnum, value: c.value },
      },
    });
  });
});

describe('AES block encryption', () => {
  const words = (hexText: string): number[] =>
    [0, 8, 16, 24].map((at) => Number.parseInt(hexText.slice(at, at + 8), 16) | 0);
  const hexOf = (out: Int32Array): string =>
    [...out].map((w) => (w >>> 0).toString(16).padStart(8, '0')).join('');

  it.each([
    ['000102030405060708090a0b0c0d0e0f', '69c4e0d86a7b0430d8cdb78070b4c55a'],
    [
      '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
      '8ea2b7ca516745bfeafc49904b496089',
    ],
  ])('gives FIPS-197 Appendix C’s ciphertext with key %s', (key, ciphertext) => {
    const out = new Int32Array(4);
    const [w0, w1, w2, w3] = words('00112233445566778899aabbccddeeff');
    encryptBlock(expandEncryptionKey(Buffer.from(key, 'hex')), w0!, w1!, w2!, w3!, out);
    expect(hexOf(out)).toBe(ciphertext);
  });
});

describe('aesCtr against node:crypto', () => {
  it('agrees on 500 random keys, nonces and lengths', () => {
    const next = seededRandom(0xae5);
    const bytes = (n: number): Uint8Array =>
      Uint8Array.from({ length: n }, () => Math.floor(next() * 256));
    for (let i = 0; i < 500; i++) {
      const key = bytes(next() < 0.5 ? 16 : 32);
      const id = Math.floor(next() * 2 ** 32);
      const from = Math.floor(next() * 2 ** 32);
      const input = bytes(Math.floor(next() * 300));
      const cipher = createCipheriv(
        key.length === 32 ? 'aes-256-ctr' : 'aes-128-ctr',
        key,
        packetNonce(id, from),
      );
      const expected = Buffer.concat([cipher.update(input), cipher.final()]);
      expect(Buffer.from(aesCtr(key, id, from, input)).toString('hex')).toBe(
        expected.toString('hex'),
      );
    }
  });
});
