import { describe, expect, it } from 'vitest';
import { RecentIds } from '../../src/lib/recent-ids.js';

describe('RecentIds', () => {
  it('tells an id added before from a new one', () => {
    const ids = new RecentIds();
    expect(ids.add('1:1')).toBe(true);
    expect(ids.add('1:1')).toBe(false);
    expect(ids.has('1:1')).toBe(true);
    expect(ids.has('1:2')).toBe(false);
  });

  it('forgets the oldest ids beyond its capacity', () => {
    const ids = new RecentIds(2);
    ids.add('a');
    ids.add('b');
    ids.add('c');
    expect(ids.has('a')).toBe(false);
    expect(ids.has('b')).toBe(true);
    expect(ids.has('c')).toBe(true);
  });
});
