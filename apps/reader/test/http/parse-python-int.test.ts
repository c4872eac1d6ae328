import { describe, expect, it } from 'vitest';
import { parsePythonInt } from '../../src/http/parse-python-int.js';

const value = (text: string, base: 0 | 10) => {
  const result = parsePythonInt(text, base);
  return result.ok ? result.value : undefined;
};

describe("parsePythonInt: Python's int(x, 0) and int(x)", () => {
  it('reads what Python reads', () => {
    const cases: [string, 0 | 10, bigint][] = [
      ['0', 0, 0n],
      ['00', 0, 0n],
      ['0_0', 0, 0n],
      ['42', 0, 42n],
      [' +42\t', 0, 42n],
      ['-42', 0, -42n],
      ['0x1a2B', 0, 0x1a2bn],
      ['0X_ff', 0, 255n],
      ['-0x10', 0, -16n],
      ['0o17', 0, 15n],
      ['0b101', 0, 5n],
      ['1_000_000', 0, 1_000_000n],
      ['010', 10, 10n],
      ['1_0', 10, 10n],
      ['123456789012345678901234567890', 10, 123456789012345678901234567890n],
    ];
    for (const [text, base, expected] of cases) expect(value(text, base), text).toBe(expected);
  });

  it('refuses what Python refuses, saying what it wants', () => {
    for (const text of [
      '',
      ' ',
      '010',
      '0x',
      '0b2',
      '0o8',
      '1__0',
      '_1',
      '1_',
      '1.5',
      '1e3',
      '0x1g',
      '٣',
      '+-1',
      '1 2',
    ]) {
      expect(value(text, 0), text).toBeUndefined();
    }
    for (const text of ['0x10', '0b1', '0o7', '1.0', 'abc']) {
      expect(value(text, 10), text).toBeUndefined();
    }
    expect(parsePythonInt('x', 0)).toEqual({
      ok: false,
      reason: 'must be an integer (decimal, or hexadecimal 0x…, octal 0o…, binary 0b…)',
    });
    expect(parsePythonInt(' ', 10)).toEqual({ ok: false, reason: 'must be an integer, not empty' });
  });
});
