/**
 * The first local `hour:minute` strictly after `from`: today's if it is still ahead, otherwise
 * tomorrow's, as MeshView's `daily_*_at` loops compute it. Across a daylight saving change the
 * local clock time is kept (a time skipped by the change runs at the first instant after it).
 *
 * @example nextDailyRun(new Date(2026, 2, 10, 3, 0), 2, 0) // 2026-03-11 02:00 local
 */
export function nextDailyRun(from: Date, hour: number, minute: number): Date {
  const next = new Date(from.getFullYear(), from.getMonth(), from.getDate(), hour, minute, 0, 0);
  if (next.getTime() <= from.getTime()) {
    return new Date(from.getFullYear(), from.getMonth(), from.getDate() + 1, hour, minute, 0, 0);
  }
  return next;
}
