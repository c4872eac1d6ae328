import { describe, expect, it } from 'vitest';
import { chooseEncoding } from '../../src/pages/accept-encoding.js';

describe('chooseEncoding', () => {
  it('takes the highest q among the codings it has, brotli first on a tie', () => {
    const both = ['br', 'gzip'] as const;
    expect(chooseEncoding('gzip, deflate, br', both)).toBe('br');
    expect(chooseEncoding('gzip, deflate, br;q=0.9', both)).toBe('gzip');
    expect(chooseEncoding('BR;Q=0.5, GZIP;q=0.4', both)).toBe('br');
    expect(chooseEncoding('gzip', both)).toBe('gzip');
    expect(chooseEncoding('*', both)).toBe('br');
    expect(chooseEncoding('br;q=0, *', both)).toBe('gzip');
    expect(chooseEncoding('br', ['gzip'])).toBe('identity');
  });

  it('answers identity when nothing acceptable is on offer', () => {
    for (const header of [
      undefined,
      '',
      'identity',
      'deflate',
      '*;q=0',
      'gzip;q=0, br;q=0',
      'gzip;q=x',
    ]) {
      expect(chooseEncoding(header, ['br', 'gzip']), String(header)).toBe('identity');
    }
    expect(chooseEncoding('br, gzip', [])).toBe('identity');
  });
});
