import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ConfigResponse, EdgesResponse, NodesResponse } from '@meshview/api';
import { DataState, Empty, ErrorNotice } from '../components/data-state.js';
import { useApi } from '../lib/api.js';
import { useDocumentTitle } from '../lib/document-title.js';
import { formatNumber } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { setQuery, useLocation } from '../lib/router.js';
import { GraphCanvas, type FocusRequest } from './nodegraph/graph-canvas.js';
import { GraphLegend } from './nodegraph/graph-legend.js';
import { buildGraph, channelView, graphChannels, type Graph } from './nodegraph/graph-model.js';
import { GRAPH_HOURS, parseGraphQuery } from './nodegraph/graph-query.js';
import { GraphSearch } from './nodegraph/graph-search.js';
import { LinkTable } from './nodegraph/link-table.js';
import { nodeLabel } from './nodegraph/link-list-text.js';
import { NodePanel } from './nodegraph/node-panel.js';
import { runLayout } from './nodegraph/run-layout.js';
import './nodegraph/nodegraph.css';

/**
 * `/nodegraph` (MeshView's mesh graph): every link the traceroutes and neighbour reports of the
 * chosen window show (`/api/edges?hours=`), laid out once off the main thread and drawn on a
 * canvas: SNR as colour, one-way links dashed with an arrow. Channel filter, search, a node's
 * panel, and the links as a table (the canvas's text alternative). The window, channel and
 * chosen node are kept in the URL.
 */
export function NodegraphPage(_props: { params: Record<string, string>; config: ConfigResponse }) {
  const { t } = useI18n();
  useDocumentTitle(t('nodegraph', 'title'));
  const query = parseGraphQuery(useLocation().query);
  const nodes = useApi<NodesResponse>('api/nodes');
  const edges = useApi<EdgesResponse>('api/edges', { hours: query.hours });
  const both = {
    data: nodes.data && edges.data ? { nodes: nodes.data, edges: edges.data } : undefined,
    error: nodes.error ?? edges.error,
    loading: nodes.loading || edges.loading,
    reload: () => {
      nodes.reload?.();
      edges.reload?.();
    },
  };

  return (
    <section class="nodegraph-page" aria-labelledby="nodegraph-title">
      <div class="page-head">
        <h1 id="nodegraph-title">{t('nodegraph', 'title')}</h1>
        <label class="graph-control">
          <span>{t('nodegraph', 'window')}</span>
          <select
            value={String(query.hours)}
            onChange={(e) => setQuery({ hours: e.currentTarget.value, node: null })}
          >
            {GRAPH_HOURS.map((h) => (
              <option key={h} value={String(h)}>
                {t('nodegraph', `hours_${h}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p class="graph-intro">{t('nodegraph', 'intro')}</p>
      <DataState state={both}>
        {(data) => (
          <GraphView
            edges={data.edges}
            nodes={data.nodes}
            channel={query.channel}
            nodeNum={query.node}
          />
        )}
      </DataState>
    </section>
  );
}

/** The graph of one window's answer: filters, canvas, panel, legend and table. */
function GraphView(props: {
  edges: EdgesResponse;
  nodes: NodesResponse;
  channel: string;
  nodeNum: number | null;
}) {
  const { t, lang } = useI18n();
  const graph = useMemo(
    () => buildGraph(props.edges.edges, props.nodes.nodes),
    [props.edges, props.nodes],
  );
  const channels = useMemo(() => graphChannels(graph), [graph]);
  const channel = channels.includes(props.channel) ? props.channel : '';
  const view = useMemo(() => channelView(graph, channel), [graph, channel]);
  const positions = useLayout(graph);
  const selectedRaw = props.nodeNum === null ? -1 : (graph.index.get(props.nodeNum) ?? -1);
  const selected = selectedRaw >= 0 && view.shown[selectedRaw] ? selectedRaw : -1;
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const count = (n: number) => formatNumber(n, lang, 0);

  const select = (index: number, centre = false) => {
    setQuery({ node: index >= 0 ? String(graph.nodes[index]!.num) : null });
    if (centre && index >= 0) setFocus((f) => ({ node: index, seq: (f?.seq ?? 0) + 1 }));
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && selected >= 0) select(-1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const shownNodes = view.shown.reduce((sum, v) => sum + v, 0);
  const tableLinks =
    selected >= 0
      ? view.links.filter((l) => l.source === selected || l.target === selected)
      : view.links;
  const selectedName =
    selected >= 0 ? nodeLabel(graph.nodes[selected], graph.nodes[selected]!.num) : '';

  return (
    <div
      class="graph-view"
      data-since-us={props.edges.since_us}
      data-view-links={view.links.length}
    >
      <div class="graph-filters">
        <label class="graph-control">
          <span>{t('nodegraph', 'channel')}</span>
          <select
            value={channel}
            onChange={(e) => setQuery({ channel: e.currentTarget.value || null, node: null })}
          >
            <option value="">{t('nodegraph', 'all_channels')}</option>
            {channels.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <GraphSearch graph={graph} onPick={(index) => select(index, true)} />
      </div>
      <p class="count" role="status" aria-live="polite">
        {t('nodegraph', 'count', { nodes: count(shownNodes), links: count(view.links.length) })}
        {props.edges.truncated ? ` ${t('nodegraph', 'truncated')}` : ''}
      </p>
      {view.links.length === 0 ? (
        <Empty>{t('nodegraph', 'empty')}</Empty>
      ) : positions === null ? (
        <p class="state state-loading" role="status">
          {t('nodegraph', 'laying_out')}
        </p>
      ) : positions instanceof Error ? (
        <ErrorNotice error={positions} />
      ) : (
        <div class="graph-main">
          <GraphCanvas
            graph={graph}
            view={view}
            positions={positions}
            selected={selected}
            focus={focus}
            onSelect={(index) => select(index)}
            label={t('nodegraph', 'canvas_label', {
              nodes: count(shownNodes),
              links: count(view.links.length),
            })}
          />
          {selected >= 0 && (
            <NodePanel
              graph={graph}
              index={selected}
              links={view.links}
              onSelect={(index) => select(index, true)}
              onClose={() => select(-1)}
            />
          )}
        </div>
      )}
      <GraphLegend />
      {view.links.length > 0 && (
        <LinkTable
          graph={graph}
          links={tableLinks}
          listKey={`${channel}|${selected}|${props.edges.since_us ?? ''}`}
          caption={
            selected >= 0
              ? t('nodegraph', 'table_node', {
                  name: selectedName,
                  count: count(tableLinks.length),
                })
              : t('nodegraph', 'table_all', { count: count(tableLinks.length) })
          }
        />
      )}
    </div>
  );
}

/** The layout of `graph` (null while it runs, an Error if it failed), computed once per graph. */
function useLayout(graph: Graph): Float32Array | Error | null {
  const [result, setResult] = useState<{ graph: Graph; positions: Float32Array | Error } | null>(
    null,
  );
  useEffect(() => {
    let live = true;
    const links = new Int32Array(graph.lines.length * 2);
    graph.lines.forEach((l, i) => {
      links[2 * i] = l.a;
      links[2 * i + 1] = l.b;
    });
    runLayout({ count: graph.nodes.length, links }).then(
      (positions) => live && setResult({ graph, positions }),
      (error: unknown) => live && setResult({ graph, positions: error as Error }),
    );
    return () => {
      live = false;
    };
  }, [graph]);
  return result?.graph === graph ? result.positions : null;
}
