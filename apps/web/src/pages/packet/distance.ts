import { formatNumber } from '../../lib/format.js';

const KM_PER_MILE = 1.609344;

/** `12.3 km (7.6 mi)`; `—` when not known. */
export function formatDistance(km: number | null, lang: string): string {
  if (km === null) return '—';
  const digits = km < 10 ? 2 : 1;
  return `${formatNumber(km, lang, digits)} km (${formatNumber(km / KM_PER_MILE, lang, digits)} mi)`;
}
