import { Link } from '../components/link.js';
import { useDocumentTitle } from '../lib/document-title.js';
import { useI18n } from '../lib/i18n.js';

/**
 * The app's 404 page: the reader answers unknown paths with status 404 and this page; a page
 * whose subject does not exist (an unknown node) can show it too.
 */
export function NotFoundPage() {
  const { t } = useI18n();
  useDocumentTitle(t('base', 'not_found_title'));
  return (
    <section class="not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('base', 'not_found_title')}</h1>
      <p>{t('base', 'not_found_text')}</p>
      <p>
        <Link href="/nodelist">{t('base', 'not_found_link')}</Link>
      </p>
    </section>
  );
}
