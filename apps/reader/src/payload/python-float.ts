/**
 * Python's `repr` of a double: the shortest digits that read back to the same value, in fixed
 * notation when the decimal exponent is in [-4, 16) (always with a fractional part: `7.0`), else
 * in scientific notation with a signed, at least two-digit exponent (`1e-05`, `1.5e+16`).
 */
export function pythonFloatRepr(value: number): string {
  const magnitude = Math.abs(value);
  // JavaScript's String() picks the same shortest digits, and writes them in fixed notation for
  // every value in this range: only the missing `.0` of a whole number differs. The renderer
  // formats thousands of floats per answer, and this is the common case.
  if (magnitude >= 1e-4 && magnitude < 1e16) {
    const text = String(value);
    return Number.isInteger(value) ? `${text}.0` : text;
  }
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest round-tripping digits, as repr does.
  const [mantissa, exponentText] = magnitude.toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  const shown = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const exponentDigits = String(Math.abs(exponent)).padStart(2, '0');
  return `${sign}${shown}e${exponent < 0 ? '-' : '+'}${exponentDigits}`;
}

/**
 * The double Python protobuf shows for a `float` (32-bit) field: the fewest significant digits,
 * from 6 up, that read back to the same 32-bit value (`type_checkers.ToShortestFloat`). Its
 * protobuf JSON carries this number; the text format, its {@link pythonFloatRepr}.
 */
export function shortestFloat32(value: number): number {
  if (!Number.isFinite(value)) return value;
  // Nine significant digits always read back to the same 32-bit float.
  for (let precision = 6; precision < 9; precision += 1) {
    const rounded = Number(value.toPrecision(precision));
    if (Math.fround(rounded) === value) return rounded;
  }
  return Number(value.toPrecision(9));
}

/** How Python protobuf prints a `float` (32-bit) field: {@link shortestFloat32}, then `repr`. */
export function pythonFloat32Repr(value: number): string {
  return pythonFloatRepr(shortestFloat32(value));
}
