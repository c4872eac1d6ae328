import { describe, expect, it } from 'vitest';
import { precisionCell } from '../../../src/pages/map/precision-cell.js';

/** Meshtastic's reduction: the top `bits` bits kept, then half a step added (the cell's middle). */
const reduce = (valueI: number, bits: number) =>
  ((valueI & ((0xffffffff << (32 - bits)) | 0)) + (1 << (31 - bits))) | 0;

describe('precisionCell', () => {
  it('is null for exact positions: unknown, 0 or 32 bits and more', () => {
    for (const bits of [null, undefined, 0, 32, 33, -1, 13.5]) {
      expect(precisionCell(377749000, -1224194000, bits), String(bits)).toBeNull();
    }
  });

  it('is the square of 2^(32 − bits) × 1e-7 degrees around the position sent', () => {
    for (const bits of [10, 13, 14, 16, 20, 31]) {
      for (const [lat, lon] of [
        [377749000, -1224194000],
        [-338688000, 1512093000],
      ] as const) {
        const latI = reduce(lat, bits);
        const lonI = reduce(lon, bits);
        const cell = precisionCell(latI, lonI, bits)!;
        const side = 2 ** (32 - bits) / 1e7;
        expect(cell.north - cell.south).toBeCloseTo(side, 9);
        expect(cell.east - cell.west).toBeCloseTo(side, 9);
        // The position sent is the cell's middle, and the true position lies inside.
        expect((cell.north + cell.south) / 2).toBeCloseTo(latI / 1e7, 9);
        expect((cell.east + cell.west) / 2).toBeCloseTo(lonI / 1e7, 9);
        expect(lat / 1e7).toBeGreaterThanOrEqual(cell.south);
        expect(lat / 1e7).toBeLessThan(cell.north);
        expect(lon / 1e7).toBeGreaterThanOrEqual(cell.west);
        expect(lon / 1e7).toBeLessThan(cell.east);
      }
    }
  });

  it('finds the same cell for a position without the half step', () => {
    const bits = 13;
    const truncated = 377749000 & ((0xffffffff << (32 - bits)) | 0);
    expect(precisionCell(truncated, truncated, bits)).toEqual(
      precisionCell(reduce(377749000, bits), reduce(377749000, bits), bits),
    );
  });

  it('gives its sides in metres: 13 bits is about 5.8 km north–south', () => {
    const cell = precisionCell(reduce(377749000, 13), reduce(-1224194000, 13), 13)!;
    expect(cell.heightM).toBeCloseTo(5836, -1);
    expect(cell.widthM).toBeCloseTo(5836 * Math.cos((37.77 * Math.PI) / 180), -2);
  });
});
