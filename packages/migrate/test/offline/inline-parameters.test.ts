import { describe, expect, it } from 'vitest';
import { inlineParameters } from '../../src/offline/inline-parameters.js';

describe('inlineParameters', () => {
  it('writes values in as literals of the dialect, leaving quoted text alone', () => {
    const values = [1, "it's", null, true, Buffer.from([0xca, 0xfe]), 2n];
    expect(inlineParameters(`SELECT ?, ?, '?', "?", ?, ?, ?, ?`, values, 'sqlite')).toBe(
      `SELECT 1, 'it''s', '?', "?", NULL, 1, X'cafe', 2`,
    );
    expect(
      inlineParameters(
        `SELECT $2, $1, '$1', $10`,
        ['a', 'b', ...Array<number>(7).fill(0), 'j'],
        'postgres',
      ),
    ).toBe(`SELECT 'b', 'a', '$1', 'j'`);
    expect(inlineParameters('SELECT $1, $2', [false, new Uint8Array([1])], 'postgres')).toBe(
      `SELECT FALSE, '\\x01'::bytea`,
    );
  });
});
