import type { ConfigResponse, TracerouteResponse } from '@meshview/api';
import { DataState } from '../components/data-state.js';
import { Link } from '../components/link.js';
import { ApiError, useApi } from '../lib/api.js';
import { useDocumentTitle } from '../lib/document-title.js';
import { useI18n } from '../lib/i18n.js';
import { TracerouteView } from './traceroute/traceroute-view.js';
import './traceroute/traceroute.css';

/** A packet id in the path: a decimal number of at most 32 bits, else `null`. */
function packetIdOf(param: string | undefined): number | null {
  if (param === undefined || !/^\d{1,10}$/.test(param)) return null;
  const id = Number(param);
  return id <= 0xffffffff ? id : null;
}

/**
 * `/traceroute/{id}`: a traceroute packet's paths (`/api/traceroute/{id}`), each link with its
 * SNR, on a map or as a graph, and each gateway's report; a clear "no such packet" for an id
 * that names nothing (the API's 404).
 */
export function TraceroutePage(props: { params: Record<string, string>; config: ConfigResponse }) {
  const { t } = useI18n();
  const id = packetIdOf(props.params['id']);
  const answer = useApi<TracerouteResponse>(id === null ? null : `api/traceroute/${id}`);
  const missing = id === null || (answer.error instanceof ApiError && answer.error.status === 404);
  useDocumentTitle(
    missing ? t('traceroute', 'not_found_title') : t('traceroute', 'title', { id: id ?? '' }),
  );
  if (missing) {
    return (
      <article class="traceroute-page" aria-labelledby="trace-title">
        <h1 id="trace-title">{t('traceroute', 'not_found_title')}</h1>
        <p class="notice">{t('traceroute', 'not_found', { id: props.params['id'] ?? '' })}</p>
        <p>
          <Link href="/nodelist">{t('traceroute', 'back_to_nodes')}</Link>
        </p>
      </article>
    );
  }
  return (
    <article class="traceroute-page" aria-labelledby="trace-title">
      <h1 id="trace-title">{t('traceroute', 'title', { id: id ?? '' })}</h1>
      <DataState state={answer}>
        {(data) => <TracerouteView answer={data} site={props.config.site} />}
      </DataState>
    </article>
  );
}
