import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ConfigResponse, NodesResponse } from '@meshview/api';
import { DataState } from '../components/data-state.js';
import { useApi } from '../lib/api.js';
import { downloadCsv, toCsv } from '../lib/csv.js';
import { formatNumber } from '../lib/format.js';
import { useDocumentTitle } from '../lib/document-title.js';
import { useFavourites } from '../lib/favourites.js';
import { useI18n } from '../lib/i18n.js';
import { setQuery, useLocation } from '../lib/router.js';
import { useDebounced } from '../lib/use-debounced.js';
import { NodeListFilters } from './node-list/node-list-filters.js';
import { NodeTable } from './node-list/node-table.js';
import { nodesQuery, parseView, viewQuery, type NodeListView } from './node-list/node-list-view.js';
import { CSV_HEADER, csvRows, filterRows, sortRows, toRows } from './node-list/node-rows.js';

/**
 * `/nodelist`: the nodes heard in the last days (3 unless chosen), searchable by name and id,
 * filtered by role, channel, hardware, firmware, gateways and favourites, sorted by any column,
 * the view kept in the URL; only the rows on screen are rendered.
 */
export function NodeListPage(_props: { params: Record<string, string>; config: ConfigResponse }) {
  const { t, lang } = useI18n();
  useDocumentTitle(t('nodelist', 'title'));
  const { query } = useLocation();
  const view = parseView(query);
  const update = (change: Partial<NodeListView>) => setQuery(viewQuery({ ...view, ...change }));

  // The box shows what is typed; the list follows once typing pauses.
  const [text, setText] = useState(view.q);
  const q = useDebounced(text, 200);
  useEffect(() => {
    if (q !== view.q) update({ q });
  }, [q]);
  useEffect(() => {
    // The URL changed under the box (back/forward, a link): the box follows it.
    if (view.q !== q) setText(view.q);
  }, [view.q]);

  const nodes = useApi<NodesResponse>('api/nodes', nodesQuery(view));
  const { favourites, toggle } = useFavourites();
  const rows = useMemo(() => toRows(nodes.data?.nodes ?? []), [nodes.data]);
  const sorted = useMemo(
    () => sortRows(rows, view.sort, view.dir, lang),
    [rows, view.sort, view.dir, lang],
  );
  const filterKey = JSON.stringify([view.q, view.role, view.channel, view.hw, view.fw]);
  const shown = useMemo(
    () => filterRows(sorted, view, favourites),
    [sorted, filterKey, view.gateways, view.favourites, favourites],
  );

  return (
    <section aria-labelledby="nodelist-title">
      <div class="page-head">
        <h1 id="nodelist-title">{t('nodelist', 'title')}</h1>
        <button
          type="button"
          disabled={shown.length === 0}
          onClick={() => downloadCsv('nodes.csv', toCsv(CSV_HEADER, csvRows(shown)))}
        >
          {t('nodelist', 'export_csv')}
        </button>
      </div>
      <NodeListFilters view={view} text={text} setText={setText} update={update} rows={rows} />
      <DataState state={nodes}>
        {() => (
          <>
            <p class="count" role="status" aria-live="polite">
              {t('nodelist', 'count', {
                shown: formatNumber(shown.length, lang, 0),
                total: formatNumber(rows.length, lang, 0),
              })}
            </p>
            <NodeTable
              rows={shown}
              view={view}
              update={update}
              favourites={favourites}
              toggleFavourite={toggle}
              empty={rows.length === 0 ? t('nodelist', 'no_nodes') : t('nodelist', 'no_match')}
            />
          </>
        )}
      </DataState>
    </section>
  );
}
