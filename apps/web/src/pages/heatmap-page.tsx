import { useMemo } from 'preact/hooks';
import type { ConfigResponse, NodesResponse } from '@meshview/api';
import { DataState } from '../components/data-state.js';
import { useApi } from '../lib/api.js';
import { useDocumentTitle } from '../lib/document-title.js';
import { formatNumber } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { setQuery, useLocation } from '../lib/router.js';
import { HeatLegend } from './heatmap/heat-legend.js';
import { HeatMap } from './heatmap/heat-map.js';
import { heatPoints } from './heatmap/heat-points.js';
import { HEATMAP_DAYS, parseHeatmapDays } from './heatmap/heatmap-days.js';
import './heatmap/heatmap.css';

/**
 * `/heatmap` (MeshView's node density page): where the nodes heard in the last days (3 unless
 * chosen, kept in the URL) are, as a heat layer over the base map, an approximate position
 * spread over the area it stands for; a legend and the counts in text.
 */
export function HeatmapPage(props: { params: Record<string, string>; config: ConfigResponse }) {
  const { t, lang } = useI18n();
  useDocumentTitle(t('heatmap', 'title'));
  const days = parseHeatmapDays(useLocation().query);
  const nodes = useApi<NodesResponse>('api/nodes', { days_active: days });
  const heat = useMemo(() => heatPoints(nodes.data?.nodes ?? []), [nodes.data]);
  const count = (n: number) => formatNumber(n, lang, 0);

  return (
    <section class="heatmap-page" aria-labelledby="heatmap-title">
      <div class="page-head">
        <h1 id="heatmap-title">{t('heatmap', 'title')}</h1>
        <label class="heatmap-days">
          <span>{t('heatmap', 'period')}</span>
          <select value={String(days)} onChange={(e) => setQuery({ days: e.currentTarget.value })}>
            {HEATMAP_DAYS.map((d) => (
              <option key={d} value={String(d)}>
                {t('heatmap', `days_${d}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p class="heatmap-intro">{t('heatmap', 'intro')}</p>
      <DataState state={nodes}>
        {() => (
          <p class="count" role="status" aria-live="polite">
            {t('heatmap', 'count', {
              placed: count(heat.points.length),
              total: count(heat.points.length + heat.unplaced),
              approximate: count(heat.approximate),
            })}
          </p>
        )}
      </DataState>
      <HeatMap
        site={props.config.site}
        points={heat.points}
        loaded={nodes.data !== undefined}
        ariaLabel={t('heatmap', 'map_label', { period: t('heatmap', `days_${days}`) })}
      />
      <HeatLegend />
    </section>
  );
}
