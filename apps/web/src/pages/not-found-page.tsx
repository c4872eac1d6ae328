import { Link } from '../components/link.js';
import { useI18n } from '../lib/i18n.js';

/** The app's 404 page (the reader answers such paths with status 404). */
export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section class="not-found">
      <h1>{t('base', 'not_found_title')}</h1>
      <p>{t('base', 'not_found_text')}</p>
      <p>
        <Link href="/nodelist">{t('base', 'nodes')}</Link>
      </p>
    </section>
  );
}
