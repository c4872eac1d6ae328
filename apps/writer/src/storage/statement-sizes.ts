import type { DialectName } from '@meshview/db';

/**
 * How many rows each statement takes when `count` rows go in statements of at most `max`.
 *
 * On SQLite the sizes are few: as many statements of `max` as fit, then the rest in powers of
 * two, largest first (1300 rows, at most 500: 500, 500, 256, 32, 8, 4). A prepared multi-row
 * INSERT takes memory in proportion to its rows (about 750 bytes a row of ten columns), and
 * the connection keeps each distinct SQL text prepared: with a text for every row count the
 * writer's cache came to hold 50–90 MB of statements; with these sizes a table has at most
 * log2(max) + 2 texts. On PostgreSQL nothing stays prepared and every statement is a round
 * trip, so the rows go in as few statements as can take them.
 */
export function statementSizes(dialect: DialectName, count: number, max: number): number[] {
  const sizes: number[] = [];
  let left = count;
  for (; left >= max; left -= max) sizes.push(max);
  if (dialect === 'postgres') return left > 0 ? [...sizes, left] : sizes;
  for (let size = highestPowerOfTwo(left); left > 0; size /= 2) {
    if (size <= left) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}

/** The smallest power of two at least `n` (n ≥ 1): an IN list padded to it has few sizes. */
export function paddedSize(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}

function highestPowerOfTwo(n: number): number {
  let size = 1;
  while (size * 2 <= n) size *= 2;
  return size;
}
