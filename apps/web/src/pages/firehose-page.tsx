import { useMemo, useState } from 'preact/hooks';
import type { ChannelsResponse, ConfigResponse } from '@meshview/api';
import { Empty, ErrorNotice, Loading } from '../components/data-state.js';
import { useApi } from '../lib/api.js';
import { useDocumentTitle } from '../lib/document-title.js';
import { formatNumber } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import type { LiveStatus } from '../lib/live-packets.js';
import { useLocation } from '../lib/router.js';
import { FilterBar } from './firehose/filter-bar.js';
import { firehoseLive } from './firehose/firehose-live.js';
import { FirehoseTable } from './firehose/firehose-table.js';
import { choices, firehoseView } from './firehose/firehose-view.js';
import { useFirehose } from './firehose/use-firehose.js';
import './packet/packet.css';
import './firehose/firehose.css';

/**
 * `/firehose` (MeshView's "everything"): every packet as it arrives, newest first, a bounded
 * number of rows (`?rows=`, 400 by default); filtered by channel and port (kept in the query);
 * pausable, counting what arrives meanwhile; each row opens to the decoded packet.
 */
export function FirehosePage(props: { params: Record<string, string>; config: ConfigResponse }) {
  const { t, lang } = useI18n();
  useDocumentTitle(t('firehose', 'title'));
  const { query } = useLocation();
  const search = query.toString();
  const view = useMemo(() => firehoseView(new URLSearchParams(search)), [search]);
  const live = useMemo(() => firehoseLive(props.config), [props.config]);
  const [paused, setPaused] = useState(false);
  const firehose = useFirehose(view, paused, live);
  const listed = useApi<ChannelsResponse>('api/channels');
  const { rows, newCount } = firehose.buffer;
  const count = (n: number) => formatNumber(n, lang, 0);

  const channels = choices(
    listed.data?.channels ?? [],
    [...firehose.channelsSeen, view.channel],
    (a, b) => a.localeCompare(b),
  );
  const ports = choices(firehose.portsSeen, [view.port], (a, b) => a - b);
  const filtered = view.channel !== null || view.port !== null;

  return (
    <section class="firehose-page" aria-labelledby="firehose-title">
      <div class="page-head">
        <h1 id="firehose-title">{t('firehose', 'title')}</h1>
        {live.enabled && (
          <button type="button" class="firehose-pause" onClick={() => setPaused(!paused)}>
            <span aria-hidden="true">{paused ? '▶ ' : '❚❚ '}</span>
            {t('firehose', paused ? 'resume' : 'pause')}
          </button>
        )}
      </div>
      <LiveNote status={firehose.live} enabled={live.enabled} seconds={live.fallbackPollSeconds} />
      <FilterBar view={view} channels={channels} ports={ports} />
      <p class="firehose-count">
        <span>
          {t('firehose', 'count', { shown: count(rows.length), limit: count(view.rows) })}
        </span>{' '}
        <span class="firehose-new" role="status" data-new-count={paused ? newCount : undefined}>
          {paused
            ? t('firehose', newCount === 1 ? 'new_one' : 'new_other', { count: count(newCount) })
            : ''}
        </span>
      </p>
      {firehose.error ? (
        <ErrorNotice error={firehose.error} retry={firehose.reload} />
      ) : !firehose.loaded && rows.length === 0 ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Empty>{t('firehose', filtered ? 'empty_filtered' : 'empty')}</Empty>
      ) : (
        <FirehoseTable packets={rows} />
      )}
    </section>
  );
}

/** Whether new packets appear by themselves, and how. */
function LiveNote(props: { status: LiveStatus; enabled: boolean; seconds: number }) {
  const { t } = useI18n();
  if (!props.enabled) {
    return (
      <p class="firehose-live" data-live-status="off">
        {t('firehose', 'live_off')}
      </p>
    );
  }
  if (props.status !== 'stream' && props.status !== 'polling') return null;
  return (
    <p class="firehose-live" data-live-status={props.status}>
      {props.status === 'stream'
        ? t('firehose', 'live_stream')
        : t('firehose', 'live_polling', { seconds: props.seconds })}
    </p>
  );
}
