import { describe, expect, it } from 'vitest';
import { meshTraffic } from '../src/index.js';

describe('meshTraffic', () => {
  it('is the same traffic for the same clock', () => {
    const hex = (nowUs: number): string[] =>
      meshTraffic(nowUs).messages.map(
        (m) => `${m.topic} ${Buffer.from(m.payload).toString('hex')}`,
      );
    expect(hex(1_780_000_000_000_000)).toEqual(hex(1_780_000_000_000_000));
  });
});
