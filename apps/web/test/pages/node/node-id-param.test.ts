import { describe, expect, it } from 'vitest';
import { nodeIdParam } from '../../../src/pages/node/node-id-param.js';

describe('nodeIdParam', () => {
  it('reads decimal, !hex and 0x ids', () => {
    expect(nodeIdParam('185270274')).toBe(185270274);
    expect(nodeIdParam('!0b0b0002')).toBe(185270274);
    expect(nodeIdParam('0x0B0B0002')).toBe(185270274);
  });

  it('refuses what names no node: words, 0, broadcast, too large', () => {
    for (const text of ['abc', '', '0', '4294967295', '99999999999', '1.5', '!xyz']) {
      expect(nodeIdParam(text)).toBeNull();
    }
  });
});
