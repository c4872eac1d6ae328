import { useCallback, useMemo, useRef, useState } from 'preact/hooks';
import type { ConfigResponse } from '@meshview/api';
import { ErrorNotice } from '../components/data-state.js';
import { useDocumentTitle } from '../lib/document-title.js';
import { useI18n } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';
import { MapControls } from './map/map-controls.js';
import type { MapFilters } from './map/map-filters.js';
import { rememberedFilters, rememberFilters } from './map/map-filters-storage.js';
import { filtersFromQuery, mapQuery, viewFromQuery, type MapView } from './map/map-query.js';
import { NodeMap } from './map/node-map.js';
import { ShareView } from './map/share-view.js';
import { siteBounds } from './map/site-bounds.js';
import { UnmappedList } from './map/unmapped-list.js';
import { useMapActivity } from './map/use-map-activity.js';
import { useMapNodes } from './map/use-map-nodes.js';

/**
 * `/map`: the nodes active in a window on a map, clustered where they crowd, coloured by channel
 * and sized by role, reduced-precision positions drawn as areas; filters (remembered, and in the
 * address with the view, so "Share view" gives a link to exactly this); a node's popup and
 * links; live activity (senders blink; packets of nodes without a position listed beside).
 */
export function MapPage(props: { params: Record<string, string>; config: ConfigResponse }) {
  const { t } = useI18n();
  const { site } = props.config;
  useDocumentTitle(t('map', 'title'));
  const initial = useMemo(() => {
    const query = new URLSearchParams(location.search);
    return { view: viewFromQuery(query), filters: filtersFromQuery(query) };
  }, []);
  const [filters, setFilters] = useState<MapFilters>(() => {
    const chosen = initial.filters ?? rememberedFilters();
    rememberFilters(chosen);
    return chosen;
  });
  const view = useRef<MapView | null>(initial.view);
  const nodes = useMapNodes(filters);
  const liveOn = site.map_interval > 0;
  const activity = useMapActivity({
    enabled: liveOn,
    fallbackPollSeconds: site.map_interval,
    placed: nodes.placed,
    nameOf: nodes.nameOf,
  });

  const shareUrl = useCallback(() => {
    const query = view.current === null ? '' : `?${mapQuery(view.current, filters)}`;
    return new URL(hrefOf('/map') + query, location.origin).href;
  }, [filters]);
  // The address always says what the map shows: a reload or a bookmark comes back to it.
  const keepAddress = (next: MapView | null, nextFilters: MapFilters) => {
    if (next === null) return;
    history.replaceState(history.state, '', `${hrefOf('/map')}?${mapQuery(next, nextFilters)}`);
  };
  const changeFilters = (next: MapFilters) => {
    setFilters(next);
    rememberFilters(next);
    keepAddress(view.current, next);
  };
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const onMove = useCallback((next: MapView) => {
    view.current = next;
    keepAddress(next, filtersRef.current);
  }, []);

  const bounds = useMemo(() => siteBounds(site), [site]);
  const shown = nodes.shown;
  return (
    <section class="map-page" aria-labelledby="map-title">
      <div class="page-head">
        <h1 id="map-title">{t('map', 'title')}</h1>
        <ShareView url={shareUrl} />
      </div>
      <MapControls
        filters={filters}
        onChange={changeFilters}
        channels={nodes.channels}
        colors={nodes.colors}
        roles={nodes.roles}
      />
      {nodes.state.error && <ErrorNotice error={nodes.state.error} retry={nodes.state.reload} />}
      <p class="count map-count" role="status">
        {shown === null
          ? t('base', 'loading')
          : t('map', 'count', {
              shown: shown.length,
              placed: nodes.placed.size,
              unplaced: nodes.unplaced,
            })}
      </p>
      <div class="map-layout">
        <NodeMap
          class="map-main"
          nodes={shown}
          placed={nodes.placed}
          colorOf={(channel) => nodes.colors.get(channel) ?? '#6b7280'}
          view={initial.view}
          bounds={bounds}
          site={site}
          ariaLabel={t('map', 'map_label')}
          blinks={activity.blinks}
          onMove={onMove}
        />
        <UnmappedList unmapped={activity.unmapped} live={activity.live} liveOn={liveOn} />
      </div>
      <MapLegend />
    </section>
  );
}

/** What the shapes and lines mean (the channel colours are beside the channel filters). */
function MapLegend() {
  const { t } = useI18n();
  return (
    <ul class="map-legend">
      <li>
        <span class="map-legend-key map-legend-router" aria-hidden="true" />
        {t('map', 'legend_router')}
      </li>
      <li>
        <span class="map-legend-key map-legend-area" aria-hidden="true" />
        {t('map', 'legend_area')}
      </li>
      <li>
        <span class="map-legend-key map-legend-cluster" aria-hidden="true" />
        {t('map', 'legend_cluster')}
      </li>
      <li>
        <span class="map-legend-key map-legend-traceroute" aria-hidden="true" />
        {t('map', 'legend_traceroute')}
      </li>
      <li>
        <span class="map-legend-key map-legend-neighbor" aria-hidden="true" />
        {t('map', 'legend_neighbor')}
      </li>
      <li>
        <span class="map-legend-key map-legend-oneway" aria-hidden="true" />
        {t('map', 'legend_oneway')}
      </li>
      <li>
        <span class="map-legend-key map-legend-blink" aria-hidden="true" />
        {t('map', 'legend_blink')}
      </li>
    </ul>
  );
}
