import { describe, expect, it } from 'vitest';
import { RecentEvents } from '../../src/stream/recent-events.js';
import type { StreamEvent } from '../../src/stream/stream-event.js';

const event = (importTimeUs: number, id: number, bytes = 10): StreamEvent => ({
  at: { importTimeUs, id },
  key: `${importTimeUs}:${id}`,
  frame: '',
  bytes,
});

describe('RecentEvents', () => {
  it('gives the events sent after one, in the order they were sent', () => {
    const recent = new RecentEvents({ maxEvents: 10, maxBytes: 1000 });
    for (const e of [event(1, 5), event(1, 3), event(2, 1)]) recent.push(e);
    expect(recent.after('1:5')?.map((e) => e.key)).toEqual(['1:3', '2:1']);
    expect(recent.after('2:1')).toEqual([]);
    expect(recent.after('1:4')).toBeUndefined();
  });

  it('forgets the oldest beyond its count or bytes, and everything on clear', () => {
    const recent = new RecentEvents({ maxEvents: 3, maxBytes: 25 });
    for (let i = 1; i <= 3000; i += 1) recent.push(event(i, i));
    expect(recent.size).toBe(2);
    expect(recent.after('2998:2998')).toBeUndefined();
    expect(recent.after('2999:2999')?.map((e) => e.key)).toEqual(['3000:3000']);
    recent.push(event(3001, 1, 100));
    expect(recent.size).toBe(1);
    expect(recent.after('3001:1')).toEqual([]);
    recent.clear();
    expect(recent.size).toBe(0);
    expect(recent.after('3001:1')).toBeUndefined();
  });
});
