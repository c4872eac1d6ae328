/** An hour in microseconds, the unit of every `*_us` column (and the roll-ups' finest bucket). */
export const HOUR_US = 3_600_000_000;

/** A day in microseconds. */
export const DAY_US = 24 * HOUR_US;
