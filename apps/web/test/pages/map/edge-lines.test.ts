import { describe, expect, it } from 'vitest';
import { edgeLines } from '../../../src/pages/map/edge-lines.js';

describe('edgeLines', () => {
  it('marks a link one-way when no link of either kind goes back', () => {
    expect(
      edgeLines([
        { from: 1, to: 2, type: 'traceroute' },
        { from: 2, to: 1, type: 'neighbor' },
        { from: 1, to: 3, type: 'neighbor' },
        { from: 4, to: 1, type: 'traceroute' },
      ]),
    ).toEqual([
      { from: 1, to: 2, type: 'traceroute', oneWay: false },
      { from: 2, to: 1, type: 'neighbor', oneWay: false },
      { from: 1, to: 3, type: 'neighbor', oneWay: true },
      { from: 4, to: 1, type: 'traceroute', oneWay: true },
    ]);
  });

  it('keeps one line per directed pair, the first kind listed, and no loops', () => {
    expect(
      edgeLines([
        { from: 1, to: 2, type: 'traceroute' },
        { from: 1, to: 2, type: 'neighbor' },
        { from: 5, to: 5, type: 'neighbor' },
      ]),
    ).toEqual([{ from: 1, to: 2, type: 'traceroute', oneWay: true }]);
  });
});
