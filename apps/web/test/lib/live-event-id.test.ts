import { describe, expect, it } from 'vitest';
import { importTimeOfEventId, liveEventIdOf } from '../../src/lib/live-event-id.js';

describe('live event ids', () => {
  it("name a packet by its import time and id, as the reader's stream does", () => {
    expect(liveEventIdOf({ id: 42, import_time_us: 1_765_000_000_000_123 })).toBe(
      '1765000000000123:42',
    );
    expect(liveEventIdOf({ id: 42, import_time_us: null })).toBeNull();
  });

  it('give back the import time, and nothing for text that is no event id', () => {
    expect(importTimeOfEventId('1765000000000123:42')).toBe(1_765_000_000_000_123);
    for (const text of [null, '', '42', '1765:', ':42', '1.5:2', 'a:b', '1:2:3']) {
      expect(importTimeOfEventId(text)).toBeNull();
    }
  });
});
