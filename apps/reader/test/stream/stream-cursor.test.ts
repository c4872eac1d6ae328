import { describe, expect, it } from 'vitest';
import { StreamCursor } from '../../src/stream/stream-cursor.js';
import { isAfter, parseStreamEventId } from '../../src/stream/stream-event-id.js';

const row = (import_time_us: number | null, id: number) => ({ import_time_us, id });

describe('StreamCursor', () => {
  it('delivers a tie committed later with a smaller id, and never a row twice', () => {
    const cursor = new StreamCursor(null);
    expect(cursor.take([row(10, 5), row(11, 7)]).map((r) => r.id)).toEqual([5, 7]);
    // The next read (import_time_us >= 11) finds 7 again and a tie with a smaller id.
    expect(cursor.take([row(11, 3), row(11, 7), row(12, 1)]).map((r) => r.id)).toEqual([3, 1]);
    expect(cursor.importTimeUs).toBe(12);
    expect(cursor.overlap).toBe(1);
    expect(cursor.take([row(12, 1), row(null, 9), row(11, 2)])).toEqual([]);
  });

  it('starts at the newest packets, which it counts as delivered', () => {
    const cursor = new StreamCursor(20, [4, 6]);
    expect(cursor.hasDelivered({ importTimeUs: 20, id: 4 })).toBe(true);
    expect(cursor.take([row(20, 4), row(20, 5), row(20, 6)]).map((r) => r.id)).toEqual([5]);
    const snapshot = cursor.snapshot();
    cursor.take([row(21, 1)]);
    expect(snapshot.hasDelivered({ importTimeUs: 20, id: 5 })).toBe(true);
    expect(snapshot.importTimeUs).toBe(20);
  });
});

describe('stream event ids', () => {
  it('reads <import_time_us>:<id> and refuses anything else', () => {
    expect(parseStreamEventId('1795676400000000:1879048207')).toEqual({
      importTimeUs: 1_795_676_400_000_000,
      id: 1_879_048_207,
    });
    for (const bad of [
      '',
      '1',
      '1:',
      ':1',
      '1:2:3',
      '-1:2',
      '1:2 ',
      '9007199254740992:1',
      '1e3:1',
    ]) {
      expect(parseStreamEventId(bad), bad).toBeNull();
    }
    expect(isAfter({ importTimeUs: 2, id: 1 }, { importTimeUs: 1, id: 9 })).toBe(true);
    expect(isAfter({ importTimeUs: 2, id: 1 }, { importTimeUs: 2, id: 1 })).toBe(false);
  });
});
