import type { ComponentChildren } from 'preact';
import { ApiError, type ApiState } from '../lib/api.js';
import { useI18n } from '../lib/i18n.js';

/** "Loading…", announced to screen readers. */
export function Loading() {
  const { t } = useI18n();
  return (
    <p class="state state-loading" role="status">
      {t('base', 'loading')}
    </p>
  );
}

/** A failed request: what went wrong and, when given, a button to try again. */
export function ErrorNotice(props: { error: Error; retry?: (() => void) | undefined }) {
  const { t } = useI18n();
  const { error, retry } = props;
  const detail = error instanceof ApiError ? `${error.status}: ${error.reason}` : error.message;
  return (
    <div class="state state-error" role="alert">
      <p>{t('base', 'error')}</p>
      <p class="state-detail">{detail}</p>
      {retry && (
        <button type="button" onClick={retry}>
          {t('base', 'retry')}
        </button>
      )}
    </div>
  );
}

/** Nothing to show (an empty list), in a muted box. */
export function Empty(props: { children: ComponentChildren }) {
  return <p class="state state-empty">{props.children}</p>;
}

/**
 * What a page shows for one `useApi` answer: loading, the error, an empty message when `isEmpty`
 * says so, else `children(data)`.
 *
 * @example
 * <DataState state={useApi<NodesResponse>('api/nodes')} isEmpty={(d) => d.nodes.length === 0}>
 *   {(data) => <NodeTable nodes={data.nodes} />}
 * </DataState>
 */
export function DataState<T>(props: {
  state: ApiState<T>;
  children: (data: T) => ComponentChildren;
  isEmpty?: (data: T) => boolean;
  empty?: ComponentChildren;
}) {
  const { t } = useI18n();
  const { state } = props;
  if (state.error) return <ErrorNotice error={state.error} retry={state.reload} />;
  if (state.data === undefined) return <Loading />;
  if (props.isEmpty?.(state.data)) return <Empty>{props.empty ?? t('base', 'empty')}</Empty>;
  return <>{props.children(state.data)}</>;
}
