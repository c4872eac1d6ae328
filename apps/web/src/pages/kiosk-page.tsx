import { useContext, useMemo } from 'preact/hooks';
import type { ConfigResponse } from '@meshview/api';
import { SiteTitleContext, useDocumentTitle } from '../lib/document-title.js';
import { useI18n } from '../lib/i18n.js';
import { DEFAULT_FILTERS } from './map/map-filters.js';
import { filtersFromQuery, viewFromQuery } from './map/map-query.js';
import { NodeMap } from './map/node-map.js';
import { siteBounds } from './map/site-bounds.js';
import { UnmappedList } from './map/unmapped-list.js';
import { useMapActivity } from './map/use-map-activity.js';
import { useMapNodes } from './map/use-map-nodes.js';

/**
 * `/kiosk`: the live map alone, full-screen, for a wall screen (the shell draws no header, menu
 * or footer here). The view and filters come from the address (`/kiosk?lat&lng&zoom&role=…`, as
 * the map's "Share view" writes them), else the site's bounds and every node.
 */
export function KioskPage(props: { params: Record<string, string>; config: ConfigResponse }) {
  const { t } = useI18n();
  const { site } = props.config;
  const siteTitle = useContext(SiteTitleContext);
  useDocumentTitle(t('map', 'kiosk_title'));
  const initial = useMemo(() => {
    const query = new URLSearchParams(location.search);
    return { view: viewFromQuery(query), filters: filtersFromQuery(query) ?? DEFAULT_FILTERS };
  }, []);
  const nodes = useMapNodes(initial.filters);
  const liveOn = site.map_interval > 0;
  const activity = useMapActivity({
    enabled: liveOn,
    fallbackPollSeconds: site.map_interval,
    placed: nodes.placed,
    nameOf: nodes.nameOf,
  });
  const bounds = useMemo(() => siteBounds(site), [site]);
  return (
    <div class="kiosk">
      <h1 class="visually-hidden">
        {t('map', 'kiosk_title')} · {siteTitle}
      </h1>
      <NodeMap
        class="kiosk-map"
        nodes={nodes.shown}
        placed={nodes.placed}
        colorOf={(channel) => nodes.colors.get(channel) ?? '#6b7280'}
        view={initial.view}
        bounds={bounds}
        site={site}
        ariaLabel={t('map', 'map_label')}
        blinks={activity.blinks}
      />
      <UnmappedList
        class="kiosk-unmapped"
        compact
        unmapped={activity.unmapped}
        live={activity.live}
        liveOn={liveOn}
      />
    </div>
  );
}
