import { useId } from 'preact/hooks';
import type { ConfigResponse, StatsTopResponse } from '@meshview/api';
import { DataState, Loading } from '../components/data-state.js';
import { useApi } from '../lib/api.js';
import { useDocumentTitle } from '../lib/document-title.js';
import { formatNumber } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { setQuery, useLocation } from '../lib/router.js';
import { ChannelPicker } from './stats/channel-picker.js';
import { useChannelChoice } from './stats/use-busiest-channel.js';
import { TopTable } from './top/top-table.js';
import {
  PAGE_SIZE,
  TOP_WINDOWS,
  parseTopView,
  topQuery,
  topViewQuery,
  type TopView,
  type TopWindow,
} from './top/top-view.js';
import './top/top-page.css';

/**
 * `/top`: the nodes whose packets gateways heard most over a window (1 hour to 7 days), with
 * packets sent and the average gateways per packet, 20 a page, sorted by any column on the
 * server; on one channel, by default the busiest of the last 24 hours. The view is kept in the
 * URL (`window`, `channel`, `sort`, `order`, `page`).
 */
export function TopPage(_props: { params: Record<string, string>; config: ConfigResponse }) {
  const { t, lang } = useI18n();
  useDocumentTitle(t('top', 'title'));
  const id = useId();
  const { query } = useLocation();
  const view = parseTopView(query);
  const choice = useChannelChoice(query.get('channel'));
  const update = (change: Partial<TopView>) => setQuery(topViewQuery({ ...view, ...change }));
  const top = useApi<StatsTopResponse>(
    choice.loading ? null : 'api/stats/top',
    topQuery(view, choice.channel),
  );
  const total = top.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <section aria-labelledby="top-title">
      <div class="page-head">
        <h1 id="top-title">{t('top', 'title')}</h1>
      </div>
      <p class="top-intro">{t('top', 'intro')}</p>
      <div class="toolbar" role="group" aria-label={t('top', 'filters')}>
        <div class="field">
          <label for={`${id}-window`}>{t('top', 'window')}</label>
          <select
            id={`${id}-window`}
            name="window"
            value={view.window}
            onChange={(e) => update({ window: e.currentTarget.value as TopWindow, page: 1 })}
          >
            {Object.keys(TOP_WINDOWS).map((w) => (
              <option key={w} value={w}>
                {t('top', `window_${w}`)}
              </option>
            ))}
          </select>
        </div>
        <ChannelPicker
          channels={choice.channels}
          channel={choice.channel}
          onChange={(channel) => setQuery({ channel, ...topViewQuery({ ...view, page: 1 }) })}
        />
      </div>
      {choice.loading ? (
        <Loading />
      ) : (
        <DataState state={top} isEmpty={(d) => d.total === 0} empty={t('top', 'no_nodes')}>
          {(data) => (
            <>
              <p class="count" role="status" aria-live="polite">
                {t('top', 'count', {
                  from: formatNumber(Math.min(data.offset + 1, data.total), lang, 0),
                  to: formatNumber(data.offset + data.nodes.length, lang, 0),
                  total: formatNumber(data.total, lang, 0),
                })}
              </p>
              <TopTable
                nodes={data.nodes}
                offset={data.offset}
                view={view}
                onSort={(sort, order) => update({ sort, order, page: 1 })}
              />
              <nav class="pager" aria-label={t('top', 'pages')}>
                <button
                  type="button"
                  disabled={view.page <= 1}
                  onClick={() => update({ page: view.page - 1 })}
                >
                  {t('top', 'previous')}
                </button>
                <span class="pager-where">
                  {t('top', 'page_of', {
                    page: formatNumber(view.page, lang, 0),
                    pages: formatNumber(pages, lang, 0),
                  })}
                </span>
                <button
                  type="button"
                  disabled={view.page >= pages}
                  onClick={() => update({ page: view.page + 1 })}
                >
                  {t('top', 'next')}
                </button>
              </nav>
            </>
          )}
        </DataState>
      )}
    </section>
  );
}
