import { describe, expect, it } from 'vitest';
import { positionPrecisionBits, precisionCellDegrees } from '../src/position-precision.js';

describe('position precision', () => {
  it('keeps 1 to 31 bits as sent and reads anything else as full precision', () => {
    expect([1, 13, 31].map(positionPrecisionBits)).toEqual([1, 13, 31]);
    expect([0, 32, 40].map(positionPrecisionBits)).toEqual([32, 32, 32]);
  });

  it("gives the cell a reduced position stands for, as the firmware's truncation makes it", () => {
    // 14 bits: 2^18 × 1e-7 degrees, the firmware's "1459 m" being half of it in latitude.
    expect(precisionCellDegrees(14)).toBeCloseTo(0.0262144, 9);
    expect((precisionCellDegrees(14) / 2) * 111_320).toBeCloseTo(1459, 0);
    expect(precisionCellDegrees(32)).toBe(0);
    expect(precisionCellDegrees(0)).toBe(0);
  });
});
