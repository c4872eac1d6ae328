import { formatTimeUs } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';

/** A time (µs) as its time of day, the full date and time in its tooltip and `datetime`. */
export function Clock(props: { us: number | null }) {
  const { lang } = useI18n();
  if (props.us === null) return <>—</>;
  const date = new Date(props.us / 1000);
  return (
    <time dateTime={date.toISOString()} title={formatTimeUs(props.us, lang)}>
      {date.toLocaleTimeString(lang, { hour12: false })}
    </time>
  );
}
