/** The area a position with reduced precision stands for, in degrees. */
export interface PrecisionCell {
  readonly south: number;
  readonly west: number;
  readonly north: number;
  readonly east: number;
  /** Its sides, in metres (north–south, and east–west at its middle latitude). */
  readonly heightM: number;
  readonly widthM: number;
}

const METRES_PER_DEGREE = 111_320;

/**
 * The cell a position reduced to `bits` of precision lies in, or `null` for an exact position
 * (`null`, 0 or 32 bits and more).
 *
 * Meshtastic keeps the top `bits` bits of the 32-bit `latitude_i`/`longitude_i` (units of 1e-7°)
 * and then adds half a step, so the true position lies anywhere in a square of 2^(32−bits)·1e-7°
 * whose middle is the position sent (firmware `MQTT.cpp`, `Position.precision_bits`). The cell is
 * found from the truncated value, so a position without the half step gets the same cell.
 *
 * @example
 * precisionCell(377749000, -1224194000, 13) // a cell of about 5.8 km × 4.6 km
 */
export function precisionCell(
  latI: number,
  lonI: number,
  bits: number | null | undefined,
): PrecisionCell | null {
  if (bits === null || bits === undefined || !Number.isInteger(bits) || bits <= 0 || bits >= 32) {
    return null;
  }
  const step = 2 ** (32 - bits);
  const mask = (0xffffffff << (32 - bits)) | 0;
  const south = Math.max(-90, ((latI | 0) & mask) / 1e7);
  const west = ((lonI | 0) & mask) / 1e7;
  const north = Math.min(90, south + step / 1e7);
  const east = west + step / 1e7;
  const middle = ((south + north) / 2) * (Math.PI / 180);
  return {
    south,
    west,
    north,
    east,
    heightM: (north - south) * METRES_PER_DEGREE,
    widthM: (east - west) * METRES_PER_DEGREE * Math.cos(middle),
  };
}
