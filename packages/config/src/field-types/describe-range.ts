/** An inclusive range of numbers; either end may be open. */
export interface NumberRange {
  readonly min?: number;
  readonly max?: number;
  /** An exclusive lower bound, for "greater than 0". */
  readonly above?: number;
}

/** Whether `value` lies in `range`. */
export function inRange(value: number, range: NumberRange): boolean {
  return (
    (range.min === undefined || value >= range.min) &&
    (range.max === undefined || value <= range.max) &&
    (range.above === undefined || value > range.above)
  );
}

/** `an integer` + ` from 0 to 23` / ` of at least 1` / ` greater than 0`, for messages. */
export function describeRange(noun: string, range: NumberRange): string {
  const { min, max, above } = range;
  if (min !== undefined && max !== undefined) return `${noun} from ${min} to ${max}`;
  if (above !== undefined) return `${noun} greater than ${above}`;
  if (min !== undefined) return `${noun} of at least ${min}`;
  if (max !== undefined) return `${noun} of at most ${max}`;
  return noun;
}
