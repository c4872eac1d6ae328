import { useMemo } from 'preact/hooks';
import { useI18n } from '../../lib/i18n.js';

/** `2026-12-06` → `6 Dec` (`6 dic`) in the page's language, for category axes of days. */
export function useShortDay(): (day: string) => string {
  const { lang } = useI18n();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(lang, {
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    });
    return (day: string) => format.format(new Date(`${day}T00:00:00Z`));
  }, [lang]);
}
