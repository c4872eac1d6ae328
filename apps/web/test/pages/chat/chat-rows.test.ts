import { describe, expect, it } from 'vitest';
import {
  isChatMessage,
  oldestTimeUs,
  withNewer,
  withOlder,
} from '../../../src/pages/chat/chat-rows.js';
import { packet } from '../node/packet-fixture.js';

const T = 1_765_000_000_000_000;
const text = (id: number, us: number, fields: Parameters<typeof packet>[0] = {}) =>
  packet({ id, import_time_us: us, portnum: 1, payload: `message ${id}`, ...fields });

describe('isChatMessage', () => {
  it('takes texts to everyone, on the chosen channel or any', () => {
    expect(isChatMessage(text(1, T), null)).toBe(true);
    expect(isChatMessage(text(1, T), 'LongFast')).toBe(true);
    expect(isChatMessage(text(1, T), 'Hikers')).toBe(false);
    expect(isChatMessage(text(1, T, { channel: 'Hikers' }), 'Hikers')).toBe(true);
  });

  it('leaves out direct messages, other ports, `seq N` texts and rows without a time', () => {
    expect(isChatMessage(text(1, T, { to_node_id: 42, payload: '<redacted>' }), null)).toBe(false);
    expect(isChatMessage(text(1, T, { portnum: 67 }), null)).toBe(false);
    expect(isChatMessage(text(1, T, { payload: 'seq 12' }), null)).toBe(false);
    expect(isChatMessage(text(1, T, { payload: 'seq 12 and more' }), null)).toBe(true);
    expect(isChatMessage(text(1, T, { import_time_us: null }), null)).toBe(false);
  });
});

describe('withNewer', () => {
  it('puts a first page (newest first) oldest first, below what came live meanwhile', () => {
    const live = text(9, T + 9);
    const { rows, added } = withNewer([live], [text(3, T + 3), text(2, T + 2), text(1, T + 1)]);
    expect(rows.map((p) => p.id)).toEqual([1, 2, 3, 9]);
    expect(added.map((p) => p.id)).toEqual([3, 2, 1]);
  });

  it('adds nothing twice, not even within one batch', () => {
    const shown = [text(1, T + 1), text(2, T + 2)];
    const { rows, added } = withNewer(shown, [text(2, T + 2), text(3, T + 3), text(3, T + 3)]);
    expect(rows.map((p) => p.id)).toEqual([1, 2, 3]);
    expect(added.map((p) => p.id)).toEqual([3]);
  });
});

describe('withOlder', () => {
  it('puts an older page (newest first) above, oldest at the top', () => {
    const shown = [text(5, T + 5), text(6, T + 6)];
    const { rows, added } = withOlder(shown, [text(4, T + 4), text(3, T + 3)], T + 5);
    expect(rows.map((p) => p.id)).toEqual([3, 4, 5, 6]);
    expect(added).toBe(2);
  });

  it('drops what is shown already or not older than the cursor (an old reader ignores `before`)', () => {
    const shown = [text(5, T + 5), text(6, T + 6)];
    const { rows, added } = withOlder(shown, [text(6, T + 6), text(5, T + 5)], T + 5);
    expect(rows.map((p) => p.id)).toEqual([5, 6]);
    expect(added).toBe(0);
  });
});

describe('oldestTimeUs', () => {
  it('is the smallest import time, skipping rows without one', () => {
    expect(
      oldestTimeUs([text(2, T + 2), text(1, T + 1), text(3, T, { import_time_us: null })]),
    ).toBe(T + 1);
    expect(oldestTimeUs([])).toBeUndefined();
  });
});
