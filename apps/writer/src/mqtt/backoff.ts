/** Capped exponential backoff with full jitter. */
export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * The wait before reconnect attempt `attempt` (0 = the first retry): a random delay up to
 * `min(maxMs, baseMs × 2^attempt)`, never below `baseMs / 2`, so that many writers that lost one
 * broker do not all come back at the same instant.
 *
 * @example backoffDelay(3, { baseMs: 1000, maxMs: 60_000 }) // between 500 and 8000
 */
export function backoffDelay(
  attempt: number,
  { baseMs, maxMs }: BackoffOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.max(baseMs / 2, Math.round(random() * ceiling));
}
