import { formatNumber } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';

const KM_PER_MILE = 1.609344;

/** `12.3 km (7.6 mi)`; `—` when not known. */
export function formatDistance(km: number | null, lang: string): string {
  if (km === null) return '—';
  return `${formatNumber(km, lang, km < 10 ? 2 : 1)} km (${miles(km, lang)} mi)`;
}

/** A distance in km, the miles below it in small type. */
export function Distance(props: { km: number | null }) {
  const { lang } = useI18n();
  if (props.km === null) return <>—</>;
  return (
    <>
      {formatNumber(props.km, lang, props.km < 10 ? 2 : 1)} km
      <span class="miles">{miles(props.km, lang)} mi</span>
    </>
  );
}

function miles(km: number, lang: string): string {
  const mi = km / KM_PER_MILE;
  return formatNumber(mi, lang, mi < 10 ? 2 : 1);
}
