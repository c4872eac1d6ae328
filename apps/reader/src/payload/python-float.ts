/**
 * Python's `repr` of a double: the shortest digits that read back to the same value, in fixed
 * notation when the decimal exponent is in [-4, 16) (always with a fractional part: `7.0`), else
 * in scientific notation with a signed, at least two-digit exponent (`1e-05`, `1.5e+16`).
 */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest round-tripping digits, as repr does.
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fraction = digits.slice(exponent + 1);
    return `${sign}${whole}.${fraction === '' ? '0' : fraction}`;
  }
  const shown = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const magnitude = String(Math.abs(exponent)).padStart(2, '0');
  return `${sign}${shown}e${exponent < 0 ? '-' : '+'}${magnitude}`;
}

/**
 * How Python protobuf prints a `float` (32-bit) field: the fewest significant digits, from 6 up,
 * that read back to the same 32-bit value (`type_checkers.ToShortestFloat`), then `repr`.
 */
export function pythonFloat32Repr(value: number): string {
  if (!Number.isFinite(value)) return pythonFloatRepr(value);
  let precision = 6;
  let rounded = Number(value.toPrecision(precision));
  while (Math.fround(rounded) !== value && precision < 17) {
    precision += 1;
    rounded = Number(value.toPrecision(precision));
  }
  return pythonFloatRepr(rounded);
}
