import type { ConfigResponse, NodesResponse } from '@meshview/api';
import { Loading } from '../components/data-state.js';
import { useApi } from '../lib/api.js';
import { useDocumentTitle } from '../lib/document-title.js';
import { useI18n } from '../lib/i18n.js';
import { setQuery, useLocation } from '../lib/router.js';
import { NodeBreakdowns } from './stats/node-breakdowns.js';
import { SNAPSHOT_RANGES, SnapshotCharts, type SnapshotRange } from './stats/snapshot-charts.js';
import { StatsCards } from './stats/stats-cards.js';
import { TrafficCharts } from './stats/traffic-charts.js';
import { useChannelChoice } from './stats/use-busiest-channel.js';
import './stats/stats-page.css';

const DEFAULT_RANGE: SnapshotRange = '30';

/**
 * `/stats`: the totals, the daily snapshots over a chosen range, the traffic of one channel (by
 * default the busiest of the last 24 hours) and the known nodes broken down by hardware, role,
 * channel and firmware; every chart with an enlarged view and CSV. The range and channel are
 * kept in the URL (`days`, `channel`; `channel=*` for every channel).
 */
export function StatsPage(_props: { params: Record<string, string>; config: ConfigResponse }) {
  const { t } = useI18n();
  useDocumentTitle(t('stats', 'title'));
  const { query } = useLocation();
  const days = query.get('days');
  const range = SNAPSHOT_RANGES.find((r) => r === days) ?? DEFAULT_RANGE;
  const choice = useChannelChoice(query.get('channel'));
  const nodes = useApi<NodesResponse>('api/nodes');

  return (
    <section aria-labelledby="stats-title">
      <div class="page-head">
        <h1 id="stats-title">{t('stats', 'title')}</h1>
      </div>
      <StatsCards nodes={nodes} />
      <SnapshotCharts
        range={range}
        onRange={(r) => setQuery({ days: r === DEFAULT_RANGE ? null : r })}
      />
      {choice.loading ? (
        <Loading />
      ) : (
        <TrafficCharts
          channels={choice.channels}
          channel={choice.channel}
          onChannel={(channel) => setQuery({ channel })}
        />
      )}
      <NodeBreakdowns nodes={nodes} />
    </section>
  );
}
