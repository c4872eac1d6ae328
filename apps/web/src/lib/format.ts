/** Formatting shared by the pages: node ids, times, coordinates, distances. */

/** The broadcast address (`to` of a packet for everyone). */
export const BROADCAST_NUM = 0xffffffff;

/** `!0a11ce01` for 168939009. */
export function hexId(num: number): string {
  return `!${(num >>> 0).toString(16).padStart(8, '0')}`;
}

/**
 * One `Intl` formatter per language and options: making one costs far more than using it, and a
 * table formats thousands of cells.
 */
function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let formatter = cache.get(key);
  if (formatter === undefined) cache.set(key, (formatter = make()));
  return formatter;
}
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** A time in microseconds as the visitor's local date and time (`2026-12-06 11:39:25`). */
export function formatTimeUs(us: number | null | undefined, lang?: string): string {
  if (us === null || us === undefined) return '—';
  const format = cached(
    dateTimeFormats,
    lang ?? '',
    () =>
      new Intl.DateTimeFormat(lang, {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hour12: false,
      }),
  );
  return format.format(new Date(us / 1000));
}

/** How long ago (`5 min ago`, `hace 5 minutos`), in the visitor's language. */
export function relativeTimeUs(
  us: number | null | undefined,
  lang: string,
  nowMs = Date.now(),
): string {
  if (us === null || us === undefined) return '—';
  const seconds = Math.round((us / 1000 - nowMs) / 1000);
  const format = cached(
    relativeFormats,
    lang,
    () => new Intl.RelativeTimeFormat(lang, { numeric: 'auto', style: 'short' }),
  );
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(seconds, 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86400), 'day');
}

/** Degrees from the API's integer coordinates (degrees × 1e7); `null` stays `null`. */
export function degrees(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : value / 1e7;
}

/** Whether an integer position is a real one (MeshView stores 0,0 for "no position"). */
export function hasPosition(
  lat: number | null | undefined,
  lon: number | null | undefined,
): boolean {
  return (
    lat !== null &&
    lat !== undefined &&
    lon !== null &&
    lon !== undefined &&
    !(lat === 0 && lon === 0)
  );
}

/** Great-circle distance in kilometres (haversine, mean Earth radius). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * A number with at most `digits` decimals in the visitor's language (exactly `digits` with
 * `fixed`, for columns of coordinates).
 */
export function formatNumber(
  value: number | null | undefined,
  lang: string,
  digits = 2,
  fixed = false,
): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const format = cached(
    numberFormats,
    `${lang}:${digits}:${fixed}`,
    () =>
      new Intl.NumberFormat(lang, {
        maximumFractionDigits: digits,
        ...(fixed ? { minimumFractionDigits: digits } : {}),
      }),
  );
  return format.format(value);
}
