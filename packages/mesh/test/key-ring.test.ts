import { describe, expect, it } from 'vitest';
import {
  channelHash,
  createKeyRing,
  DEFAULT_KEY_BASE64,
  defaultKey,
  expandKey,
  KeyError,
  parseKey,
} from '../src/index.js';
import { DEFAULT_KEY, expectedChannelHash } from '@meshview/sim';

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

function keyError(secondaryKeys: readonly string[]): KeyError {
  try {
    createKeyRing(secondaryKeys);
  } catch (error) {
    expect(error).toBeInstanceOf(KeyError);
    return error as KeyError;
  }
  throw new Error('expected a KeyError');
}

describe('the default key', () => {
  it('is AQ== expanded', () => {
    expect(b64(defaultKey())).toBe('1PG7OiApB1nwvP+rz05pAQ==');
    expect(DEFAULT_KEY_BASE64).toBe('1PG7OiApB1nwvP+rz05pAQ==');
    expect(hex(expandKey(Buffer.from('AQ==', 'base64'))!)).toBe(hex(DEFAULT_KEY));
  });

  it('cannot be changed through the copy a caller gets', () => {
    defaultKey()[0] = 0;
    expect(defaultKey()[0]).toBe(0xd4);
  });
});

describe('expandKey', () => {
  it('turns the one-byte shorthand n into the default key with last byte 0x01 + n - 1', () => {
    for (const n of [1, 2, 3, 10, 255]) {
      const expected = Buffer.from(DEFAULT_KEY);
      expected[15] = (0x01 + n - 1) & 0xff;
      expect(hex(expandKey(Uint8Array.of(n))!)).toBe(hex(expected));
    }
  });

  it('reads an empty PSK and the shorthand 0 as no encryption', () => {
    expect(expandKey(new Uint8Array())).toBeNull();
    expect(expandKey(Uint8Array.of(0))).toBeNull();
  });

  it('zero-pads short keys to 16 and 32 bytes as the firmware does', () => {
    expect(hex(expandKey(Uint8Array.of(1, 2))!)).toBe('0102' + '00'.repeat(14));
    expect(expandKey(new Uint8Array(15).fill(7))!.length).toBe(16);
    const seventeen = expandKey(new Uint8Array(17).fill(9))!;
    expect(seventeen.length).toBe(32);
    expect(hex(seventeen)).toBe('09'.repeat(17) + '00'.repeat(15));
  });

  it('keeps 16- and 32-byte keys as they are, as copies', () => {
    const key = new Uint8Array(32).fill(5);
    const expanded = expandKey(key)!;
    expect(hex(expanded)).toBe(hex(key));
    expect(expanded).not.toBe(key);
  });

  it('refuses keys longer than 32 bytes', () => {
    expect(() => expandKey(new Uint8Array(33))).toThrow(RangeError);
  });
});

describe('channelHash', () => {
  it('is 8 for LongFast and 31 for MediumFast with the default key', () => {
    expect(channelHash('LongFast', defaultKey())).toBe(8);
    expect(channelHash('MediumFast', defaultKey())).toBe(31);
  });

  it.each([
    ['LongSlow', 15],
    ['LongTurbo', 118],
    ['LongMod', 110],
    ['MediumSlow', 24],
    ['MediumTurbo', 97],
    ['ShortFast', 112],
    ['ShortSlow', 119],
    ['ShortTurbo', 14],
    ['Custom', 49],
  ])('is %s = %i with the default key (the reference table)', (name, hash) => {
    expect(channelHash(name, defaultKey())).toBe(hash);
  });

  it('matches the python library: the key alone hashes to 2, "LongFast" alone to 10', () => {
    expect(channelHash('', defaultKey())).toBe(2);
    expect(channelHash('LongFast', new Uint8Array())).toBe(10);
  });

  it('hashes the name as UTF-8 and any key', () => {
    const key = new Uint8Array(32).map((_, i) => i * 7);
    expect(channelHash('Größe', key)).toBe(expectedChannelHash('Größe', key));
  });
});

describe('parseKey', () => {
  it('reads 16- and 32-byte keys, standard or URL-safe base64', () => {
    const key16 = new Uint8Array(16).map((_, i) => 250 - i);
    const key32 = new Uint8Array(32).map((_, i) => i * 8 + 3);
    expect(hex(parseKey(b64(key16), 1))).toBe(hex(key16));
    expect(hex(parseKey(b64(key32), 1))).toBe(hex(key32));
    expect(hex(parseKey(Buffer.from(key32).toString('base64url') + '=', 1))).toBe(hex(key32));
    expect(hex(parseKey(`  ${b64(key16)}  `, 1))).toBe(hex(key16));
  });

  it('expands the shorthand', () => {
    expect(b64(parseKey('AQ==', 1))).toBe('1PG7OiApB1nwvP+rz05pAQ==');
    expect(b64(parseKey('Ag==', 1))).toBe('1PG7OiApB1nwvP+rz05pAg==');
  });
});

describe('createKeyRing', () => {
  it('puts the default key first, then the secondary keys in order', () => {
    const key32 = new Uint8Array(32).fill(0x42);
    const ring = createKeyRing(['Ag==', b64(key32)]);
    expect(ring.keys.map((k) => [k.index, hex(k.key)])).toEqual([
      [0, hex(DEFAULT_KEY)],
      [1, hex(parseKey('Ag==', 1))],
      [2, hex(key32)],
    ]);
    expect(ring.keys[0]!.keyHash).toBe(2);
  });

  it('tries a duplicated key once, in its first place', () => {
    const ring = createKeyRing(['AQ==', 'Ag==', DEFAULT_KEY_BASE64]);
    expect(ring.keys.map((k) => k.duplicateOf)).toEqual([null, 0, null, 0]);
    expect(ring.candidates(8, ['LongFast']).keys.map((k) => k.index)).toEqual([0, 2]);
  });

  it('offers the keys whose channel hash fits first, then the others', () => {
    const key16 = new Uint8Array(16).map((_, i) => i + 1);
    const ring = createKeyRing([b64(key16), 'Ag==']);
    const hash = expectedChannelHash('Secret', key16);
    expect(ring.candidates(hash, ['Secret'])).toMatchObject({ matched: 1 });
    expect(ring.candidates(hash, ['Secret']).keys.map((k) => k.index)).toEqual([1, 0, 2]);
    // Either name may fit: the topic's channel or the envelope's channel_id.
    expect(ring.candidates(8, ['Secret', 'LongFast']).keys.map((k) => k.index)).toEqual([0, 1, 2]);
    expect(ring.candidates(200, ['Nothing'])).toMatchObject({ matched: 0 });
  });

  it('names the position and the problem of a key that is not base64', () => {
    const error = keyError(['Ag==', 'abc']);
    expect(error.code).toBe('MESH_KEY_NOT_BASE64');
    expect(error.position).toBe(2);
    expect(error.message).toMatch(/^\[mqtt\] secondary_keys: key 2 \("abc"\) is not base64/);
  });

  it.each(['not base64!', 'AQ=', 'A===', '====', 'AQ==AQ=='])('rejects %j as not base64', (key) => {
    expect(keyError([key]).code).toBe('MESH_KEY_NOT_BASE64');
  });

  it('rejects AA==, which means no encryption, saying so', () => {
    const error = keyError(['AQ==', 'Ag==', 'AA==']);
    expect(error.code).toBe('MESH_KEY_NO_ENCRYPTION');
    expect(error.message).toContain('key 3 ("AA==")');
    expect(error.message).toContain('no encryption');
  });

  it('rejects keys longer than 32 bytes with their length', () => {
    const error = keyError([b64(new Uint8Array(48))]);
    expect(error.code).toBe('MESH_KEY_BAD_LENGTH');
    expect(error.message).toContain('key 1');
    expect(error.message).toContain('48 bytes');
  });

  it('rejects an empty key', () => {
    expect(keyError(['Ag==', ' ']).code).toBe('MESH_KEY_EMPTY');
  });
});
