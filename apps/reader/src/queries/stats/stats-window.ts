import { DAY_US, HOUR_US, type RollupGranularity } from '@meshview/db';

/** `hour` or `day`: the statistics' bucket length, as MeshView's `period_type` names it. */
export type PeriodType = 'hour' | 'day';

/** A stretch of time `[fromUs, toUs)` read from one granularity of a roll-up (`toUs` null: open). */
export interface WindowSegment {
  readonly granularity: RollupGranularity;
  readonly fromUs: number;
  readonly toUs: number | null;
}

export const periodUs = (period: PeriodType): number => (period === 'hour' ? HOUR_US : DAY_US);

/** The roll-ups whose buckets are `period`s. */
export const granularityOf = (period: PeriodType): RollupGranularity =>
  period === 'hour' ? 'hourly' : 'daily';

const floorTo = (us: number, step: number): number => Math.floor(us / step) * step;

/**
 * The first bucket of `/api/stats`'s chart: the bucket holding `now − length periods`, counted
 * whole (MeshView cuts it at that instant, which draws a false dip as its first bar).
 */
export function chartStartUs(nowUs: number, period: PeriodType, length: number): number {
  return floorTo(nowUs - length * periodUs(period), periodUs(period));
}

/**
 * Where a "last `length` hours/days" total starts: `now − length periods`, rounded down to its
 * hour, so the roll-ups' hourly buckets answer it exactly (it covers at most an hour more).
 */
export function windowStartUs(nowUs: number, period: PeriodType, length: number): number {
  return floorTo(nowUs - length * periodUs(period), HOUR_US);
}

/**
 * How to read everything from `startUs` (a whole hour) on with as few roll-up rows as possible:
 * hourly buckets up to the first whole day, daily buckets for the whole days, hourly buckets
 * for today. At most 48 hours are read hour by hour, whatever the window's length.
 *
 * @example windowSegments(Date.UTC(2026, 0, 1, 20) * 1000, Date.UTC(2026, 0, 5, 9) * 1000)
 * // hourly 1 Jan 20:00 → 2 Jan, daily 2 Jan → 5 Jan, hourly 5 Jan → open
 */
export function windowSegments(startUs: number, nowUs: number): WindowSegment[] {
  const firstDay = Math.ceil(startUs / DAY_US) * DAY_US;
  const today = floorTo(nowUs, DAY_US);
  if (firstDay >= today) return [{ granularity: 'hourly', fromUs: startUs, toUs: null }];
  const segments: WindowSegment[] = [];
  if (startUs < firstDay) segments.push({ granularity: 'hourly', fromUs: startUs, toUs: firstDay });
  segments.push({ granularity: 'daily', fromUs: firstDay, toUs: today });
  segments.push({ granularity: 'hourly', fromUs: today, toUs: null });
  return segments;
}

/** A bucket's label as MeshView prints it, in UTC: `2026-01-05 09:00` or `2026-01-05`. */
export function bucketLabel(bucketUs: number, period: PeriodType): string {
  const iso = new Date(bucketUs / 1000).toISOString();
  return period === 'hour' ? `${iso.slice(0, 10)} ${iso.slice(11, 13)}:00` : iso.slice(0, 10);
}
