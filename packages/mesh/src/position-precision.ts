/** `precision_bits` of a position that kept every bit of its coordinates. */
export const FULL_PRECISION_BITS = 32;

/**
 * How many top bits of `latitude_i`/`longitude_i` a position kept, from what the sender said
 * (`Position.precision_bits`, `MapReport.position_precision`): 1–31 as sent; 0 (not set, as
 * firmware before precision existed sends) and 32 or more mean full precision, 32.
 *
 * @example positionPrecisionBits(0) // 32
 */
export function positionPrecisionBits(sent: number): number {
  return sent >= 1 && sent < FULL_PRECISION_BITS ? sent : FULL_PRECISION_BITS;
}

/**
 * The side, in degrees, of the cell a position with `bits` of precision stands for: the firmware
 * keeps the top `bits` bits of the 1e-7-degree coordinates and adds half a step, so the position
 * is the middle of a cell `2^(32 - bits)` units wide (14 bits: about 0.026°, 2.9 km of latitude).
 * 0 for full precision.
 */
export function precisionCellDegrees(bits: number): number {
  const kept = positionPrecisionBits(bits);
  return kept === FULL_PRECISION_BITS ? 0 : 2 ** (FULL_PRECISION_BITS - kept) * 1e-7;
}
