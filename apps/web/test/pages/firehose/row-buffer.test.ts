import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ROWS,
  EMPTY_BUFFER,
  MAX_ROWS,
  MIN_ROWS,
  resumed,
  rowLimit,
  withArrived,
  withLoaded,
} from '../../../src/pages/firehose/row-buffer.js';
import { packet } from '../node/packet-fixture.js';

const T0 = 1_765_000_000_000_000;
/** Packets 1…n, imported a second apart: `n` is the newest. */
const numbered = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) =>
    packet({ id: from + i, import_time_us: T0 + (from + i) * 1_000_000 }),
  );
const ids = (packets: readonly { id: number }[]) => packets.map((p) => p.id);

describe('the firehose row buffer', () => {
  it('shows the first answer newest first, bounded', () => {
    const loaded = withLoaded(EMPTY_BUFFER, numbered(1, 10).reverse(), 4);
    expect(ids(loaded.rows)).toEqual([10, 9, 8, 7]);
  });

  it('puts live packets on top (they come oldest first) and drops the oldest past the bound', () => {
    const start = withLoaded(EMPTY_BUFFER, numbered(1, 5).reverse(), 6);
    const next = withArrived(start, numbered(6, 8), { paused: false, limit: 6 });
    expect(ids(next.rows)).toEqual([8, 7, 6, 5, 4, 3]);
    expect(next.newCount).toBe(0);
  });

  it('never holds more than the default 400 rows, however many arrive', () => {
    let buffer = withLoaded(EMPTY_BUFFER, numbered(1, 100).reverse(), DEFAULT_ROWS);
    for (let first = 101; first <= 1000; first += 50) {
      buffer = withArrived(buffer, numbered(first, first + 49), {
        paused: false,
        limit: DEFAULT_ROWS,
      });
    }
    expect(buffer.rows).toHaveLength(400);
    expect(ids(buffer.rows.slice(0, 2))).toEqual([1000, 999]);
    expect(buffer.rows.at(-1)!.id).toBe(601);
  });

  it('merges packets that arrived live before the first answer, each once, in time order', () => {
    const early = withArrived(EMPTY_BUFFER, numbered(9, 11), { paused: false, limit: 400 });
    const loaded = withLoaded(early, numbered(1, 10).reverse(), 400);
    expect(ids(loaded.rows)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('counts but does not insert packets while paused, and inserts them on resume', () => {
    const start = withLoaded(EMPTY_BUFFER, numbered(1, 3).reverse(), 5);
    const paused = withArrived(start, numbered(4, 5), { paused: true, limit: 5 });
    const more = withArrived(paused, numbered(6, 6), { paused: true, limit: 5 });
    expect(ids(more.rows)).toEqual([3, 2, 1]);
    expect(more.newCount).toBe(3);
    const back = resumed(more, 5);
    expect(ids(back.rows)).toEqual([6, 5, 4, 3, 2]);
    expect(back.newCount).toBe(0);
    expect(back.pending).toEqual([]);
  });

  it('counts a packet once while paused, even when it comes twice or is already shown', () => {
    const start = withLoaded(EMPTY_BUFFER, numbered(1, 3).reverse(), 10);
    const twice = withArrived(start, [...numbered(4, 4), ...numbered(4, 4), ...numbered(3, 3)], {
      paused: true,
      limit: 10,
    });
    expect(twice.newCount).toBe(1);
    expect(ids(resumed(twice, 10).rows)).toEqual([4, 3, 2, 1]);
  });

  it('keeps counting past the bound while paused, but holds no more than the bound', () => {
    const paused = withArrived(EMPTY_BUFFER, numbered(1, 80), { paused: true, limit: 50 });
    expect(paused.newCount).toBe(80);
    expect(paused.pending).toHaveLength(50);
    expect(ids(resumed(paused, 50).rows).slice(0, 1)).toEqual([80]);
  });

  it('reads ?rows= as a whole number clamped to 50…1000, 400 when absent or malformed', () => {
    expect(rowLimit(null)).toBe(DEFAULT_ROWS);
    expect(rowLimit('abc')).toBe(DEFAULT_ROWS);
    expect(rowLimit('1.5')).toBe(DEFAULT_ROWS);
    expect(rowLimit('-3')).toBe(DEFAULT_ROWS);
    expect(rowLimit('10')).toBe(MIN_ROWS);
    expect(rowLimit('120')).toBe(120);
    expect(rowLimit('99999')).toBe(MAX_ROWS);
  });
});
