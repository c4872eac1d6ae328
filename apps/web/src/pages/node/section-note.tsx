import { ApiError, type ApiState } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';

/** Whether an error is the reader saying it has no such route (an older reader). */
export function isMissingRoute(error: Error | undefined): boolean {
  return error instanceof ApiError && error.status === 404 && error.reason.startsWith('no route');
}

/**
 * What a section shows instead of its content while its request is pending or failed: a
 * loading line, a note that this reader lacks the route, or the error. `null` once there is data.
 */
export function SectionNote(props: { state: ApiState<unknown> }) {
  const { t } = useI18n();
  const { state } = props;
  if (state.error) {
    if (isMissingRoute(state.error))
      return <p class="section-note">{t('node', 'not_available')}</p>;
    return (
      <p class="section-note section-error" role="alert">
        {t('node', 'section_error', { reason: state.error.message })}
      </p>
    );
  }
  if (state.data === undefined) {
    return (
      <p class="section-note" role="status">
        {t('base', 'loading')}
      </p>
    );
  }
  return null;
}
