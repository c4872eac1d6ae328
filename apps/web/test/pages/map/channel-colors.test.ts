import { describe, expect, it } from 'vitest';
import {
  CHANNEL_PALETTE,
  channelColors,
  UNKNOWN_CHANNEL_COLOR,
} from '../../../src/pages/map/channel-colors.js';

describe('channelColors', () => {
  it('has 18 different colours, none the unknown channel’s', () => {
    expect(new Set(CHANNEL_PALETTE).size).toBe(18);
    expect(CHANNEL_PALETTE).not.toContain(UNKNOWN_CHANNEL_COLOR);
  });

  it('gives channels the palette in name order, whatever order they come in', () => {
    const a = channelColors(['LongFast', 'Hikers', 'LongFast', '']);
    const b = channelColors(['', 'Hikers', 'LongFast']);
    expect([...a]).toEqual([...b]);
    expect(a.get('Hikers')).toBe(CHANNEL_PALETTE[0]);
    expect(a.get('LongFast')).toBe(CHANNEL_PALETTE[1]);
    expect(a.get('')).toBe(UNKNOWN_CHANNEL_COLOR);
  });

  it('starts the palette again after 18 channels', () => {
    const names = Array.from({ length: 20 }, (_, i) => `ch${String(i).padStart(2, '0')}`);
    const colors = channelColors(names);
    expect(new Set(names.slice(0, 18).map((n) => colors.get(n))).size).toBe(18);
    expect(colors.get('ch18')).toBe(CHANNEL_PALETTE[0]);
  });
});
