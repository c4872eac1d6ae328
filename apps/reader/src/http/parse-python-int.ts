/** The outcome of {@link parsePythonInt}: the exact value, or why the text is not an integer. */
export type PythonIntResult =
  { readonly ok: true; readonly value: bigint } | { readonly ok: false; readonly reason: string };

const BASE0 =
  /^([+-]?)(?:0[xX]((?:_?[0-9a-fA-F])+)|0[oO]((?:_?[0-7])+)|0[bB]((?:_?[01])+)|(0(?:_?0)*|[1-9](?:_?[0-9])*))$/;
const BASE10 = /^([+-]?)([0-9](?:_?[0-9])*)$/;

/**
 * Parses text as Python's `int(text, 0)` (`base: 0`: decimal without leading zeros, `0x…`,
 * `0o…`, `0b…`) or `int(text)` (`base: 10`), as MeshView parses its query parameters: blanks
 * around the number and single `_` between digits are allowed, nothing else (no `1.5`, `1e3`,
 * non-ASCII digits). Exact at any size, so a caller can clamp or refuse a huge value.
 *
 * @example
 * parsePythonInt('0x1a2b', 0); // { ok: true, value: 6699n }
 * parsePythonInt('010', 0); // { ok: false, reason: … } (Python refuses it too)
 */
export function parsePythonInt(text: string, base: 0 | 10): PythonIntResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'must be an integer, not empty' };
  const match = (base === 0 ? BASE0 : BASE10).exec(trimmed);
  if (!match) return { ok: false, reason: describeExpected(base) };
  const sign = match[1] === '-' ? -1n : 1n;
  const digits = (i: number) => match[i]!.replaceAll('_', '');
  let value: bigint;
  if (base === 10) value = BigInt(digits(2));
  else if (match[2] !== undefined) value = BigInt(`0x${digits(2)}`);
  else if (match[3] !== undefined) value = BigInt(`0o${digits(3)}`);
  else if (match[4] !== undefined) value = BigInt(`0b${digits(4)}`);
  else value = BigInt(digits(5));
  return { ok: true, value: sign * value };
}

function describeExpected(base: 0 | 10): string {
  return base === 0
    ? 'must be an integer (decimal, or hexadecimal 0x…, octal 0o…, binary 0b…)'
    : 'must be a decimal integer';
}
