import type { ConfigResponse } from '@meshview/api';
import { useI18n } from '../lib/i18n.js';

/** Placeholder until the page is built. */
export function PacketPage(_props: { params: Record<string, string>; config: ConfigResponse }) {
  const { t } = useI18n();
  return <p>{t('base', 'loading')}</p>;
}
