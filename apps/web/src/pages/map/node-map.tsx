import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { EdgesResponse } from '@meshview/api';
import { BaseMapNote } from '../../components/base-map/base-map-note.js';
import type { BaseMapSite } from '../../components/base-map/base-map-sources.js';
import { useBaseMap } from '../../components/base-map/use-base-map.js';
import { ApiError, getJson } from '../../lib/api.js';
import { I18nProvider, useI18n } from '../../lib/i18n.js';
import { nodeLabel } from '../node/node-label.js';
import { edgeLines } from './edge-lines.js';
import { EdgeLayer, type PlacedEdge } from './edge-layer.js';
import type { MapNode } from './map-node.js';
import { MAX_ZOOM, MIN_ZOOM, type MapView } from './map-query.js';
import { NodeLayer } from './node-layer.js';
import { NodePopup, SpotPopup, type PopupLinks } from './node-popup.js';
import './map.css';

/** What `NodeMap` shows. */
export interface NodeMapProps {
  /** The nodes to draw (filtered); `null` while they load. */
  readonly nodes: readonly MapNode[] | null;
  /** Every node with a position, filtered out or not: where links end. */
  readonly placed: ReadonlyMap<number, MapNode>;
  readonly colorOf: (channel: string) => string;
  /** Where to look first; `null`: fit `bounds`, else the nodes once they load. */
  readonly view: MapView | null;
  /** `[[south, west], [north, east]]` to fit when no view is given (`[site] map_*`). */
  readonly bounds: readonly [readonly [number, number], readonly [number, number]] | null;
  /** `/api/config`'s `site`: the base maps (`map_tile_url`, `map_tile_urls`). */
  readonly site: BaseMapSite;
  /** What the map shows, for screen readers. */
  readonly ariaLabel: string;
  /** Blinking nodes and their activity line. */
  readonly blinks: ReadonlyMap<number, string>;
  /** Called when a pan or zoom ends. */
  readonly onMove?: (view: MapView) => void;
  readonly class?: string;
}

/** What the popup shows: a node (with its links), or the nodes at one spot. */
type Selection =
  | { readonly kind: 'node'; readonly node: MapNode }
  | { readonly kind: 'spot'; readonly nodes: readonly MapNode[]; readonly at: L.LatLng }
  | null;

/**
 * The mesh on a Leaflet map: clustered node markers, reduced-precision areas, and, for the node
 * whose popup is open, its links from `/api/edges`. The container carries
 * `data-map-state="loading|ready"` and `data-drawn-markers`; see {@link NodeLayer} and
 * {@link EdgeLayer} for the attributes of what is drawn.
 */
export function NodeMap(props: NodeMapProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const layers = useRef<{ nodes: NodeLayer; edges: EdgeLayer } | null>(null);
  const popup = useRef<{ popup: L.Popup; root: HTMLElement } | null>(null);
  const [selection, setSelection] = useState<Selection>(null);
  const selected = useRef<Selection>(null);
  selected.current = selection;
  const [links, setLinks] = useState<PopupLinks>({ state: 'loading' });
  const fitted = useRef(false);
  const latest = useRef(props);
  latest.current = props;
  const translate = useRef(t);
  translate.current = t;

  // The map, its layers and its popup, once.
  useEffect(() => {
    const element = container.current!;
    element.dataset.mapState = 'loading';
    element.dataset.drawnMarkers = '0';
    const created = L.map(element, {
      minZoom: MIN_ZOOM,
      maxZoom: MAX_ZOOM,
      worldCopyJump: true,
      keyboard: true,
    });
    const { view, bounds } = latest.current;
    if (view !== null) {
      created.setView([view.lat, view.lng], view.zoom);
      fitted.current = true;
    } else if (bounds !== null) {
      created.fitBounds(L.latLngBounds([...bounds[0]], [...bounds[1]]));
      fitted.current = true;
    } else {
      created.setView([20, 0], 2);
    }
    const nodes = new NodeLayer({
      map: created,
      counter: element,
      colorOf: (channel) => latest.current.colorOf(channel),
      nodeLabel: (node) =>
        translate.current('map', 'node_label', {
          name: nodeLabel(node.nodeId, node.node),
          role: node.role ?? translate.current('map', 'unknown'),
          channel: node.channel || translate.current('map', 'unknown'),
        }),
      clusterLabel: (count) => translate.current('map', 'cluster_label', { count }),
      // A click and a key press may both report one choice: keep the first.
      onNode: (node) =>
        setSelection((old) =>
          old?.kind === 'node' && old.node === node ? old : { kind: 'node', node },
        ),
      onSpot: (spot, at) => setSelection({ kind: 'spot', nodes: spot, at }),
    });
    const edges = new EdgeLayer(created);
    layers.current = { nodes, edges };
    const root = document.createElement('div');
    // The map pans an opened popup clear of the controls in its top corners (zoom, base map),
    // which sit above popups: on a phone they covered its title.
    const mapPopup = L.popup({
      maxWidth: 300,
      minWidth: 200,
      autoPanPadding: [24, 24],
      autoPanPaddingTopLeft: [24, 84],
    });
    mapPopup.setContent(root);
    // However the popup closes (Escape, its × button), focus that was in it goes back to the
    // marker it came from; it would otherwise fall to the page's start when the popup goes.
    mapPopup.on('remove', () => {
      const open = selected.current;
      const hadFocus = mapPopup.getElement()?.contains(document.activeElement) ?? false;
      // At once, not at the next render: an effect of an earlier render that runs after this
      // (the node's links arriving as the popup closes) must not open it again.
      selected.current = null;
      setSelection(null);
      if (hadFocus && open?.kind === 'node') {
        element
          .querySelector<HTMLElement>(`[data-node-id="${open.node.nodeId}"]`)
          ?.focus({ preventScroll: true });
      }
    });
    popup.current = { popup: mapPopup, root };
    const report = () => {
      const center = created.getCenter();
      latest.current.onMove?.({ lat: center.lat, lng: center.lng, zoom: created.getZoom() });
    };
    created.on('moveend', report);
    // The first view was set before anyone listened.
    report();
    // Escape closes the popup wherever focus is in the map (Leaflet's own handler only listens
    // while the map's container itself has focus, not a marker).
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !created.hasLayer(mapPopup)) return;
      created.closePopup(mapPopup);
      event.stopPropagation();
    };
    element.addEventListener('keydown', onKeyDown);
    // Focus on something at the map's edge may scroll its container, which Leaflet does not
    // expect (everything would be drawn off by the scroll): undo it.
    const onScroll = () => {
      element.scrollTop = 0;
      element.scrollLeft = 0;
    };
    element.addEventListener('scroll', onScroll);
    // A map laid out while its container changes size (phone rotation, a panel opening) would
    // keep its old size.
    const resize = new ResizeObserver(() => created.invalidateSize());
    resize.observe(element);
    setMap(created);
    return () => {
      element.removeEventListener('keydown', onKeyDown);
      element.removeEventListener('scroll', onScroll);
      resize.disconnect();
      render(null, root);
      nodes.remove();
      edges.remove();
      created.remove();
      layers.current = null;
      popup.current = null;
    };
  }, []);

  // Tiles, the base-map chooser, and the world's outline when no tile can load.
  const baseMap = useBaseMap(map, props.site);

  // The nodes: drawn, and fitted once when nothing else said where to look.
  useEffect(() => {
    if (map === null || props.nodes === null) return;
    if (!fitted.current && props.nodes.length > 0) {
      fitted.current = true;
      map.fitBounds(L.latLngBounds(props.nodes.map((n) => [n.lat, n.lon])), {
        padding: [24, 24],
        maxZoom: 13,
      });
    }
    layers.current!.nodes.setNodes(props.nodes);
    container.current!.dataset.mapState = 'ready';
    // A new language: the markers' names are drawn again in it.
  }, [map, props.nodes, i18n.lang]);

  useEffect(() => {
    layers.current?.nodes.setBlinks(props.blinks);
  }, [map, props.blinks]);

  // The selected node's links.
  const selectedId = selection?.kind === 'node' ? selection.node.nodeId : null;
  useEffect(() => {
    layers.current?.nodes.setSelected(selectedId);
    if (selectedId === null) {
      layers.current?.edges.show([]);
      return;
    }
    setLinks({ state: 'loading' });
    const controller = new AbortController();
    getJson<EdgesResponse>('api/edges', { node_id: selectedId }, controller.signal).then(
      (answer) => {
        const lines = edgeLines(answer.edges);
        const { placed } = latest.current;
        const drawn: PlacedEdge[] = [];
        for (const line of lines) {
          const from = placed.get(line.from);
          const to = placed.get(line.to);
          if (from && to) {
            drawn.push({ ...line, a: L.latLng(from.lat, from.lon), b: L.latLng(to.lat, to.lon) });
          }
        }
        layers.current?.edges.show(drawn);
        setLinks({ state: 'loaded', lines, unplaced: lines.length - drawn.length });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const reason = error instanceof ApiError ? error.reason : (error as Error).message;
        setLinks({ state: 'error', reason });
      },
    );
    return () => controller.abort();
  }, [selectedId]);

  // The popup: opened where the selection is, its content rendered into it.
  useEffect(() => {
    const open = popup.current;
    if (map === null || open === null) return;
    // A render older than the popup's closing (see its `remove` handler): nothing to do.
    if (selection !== selected.current) return;
    if (selection === null) {
      render(null, open.root);
      if (map.hasLayer(open.popup)) map.closePopup(open.popup);
      return;
    }
    const content =
      selection.kind === 'node' ? (
        <NodePopup node={selection.node} links={links} />
      ) : (
        <SpotPopup
          nodes={selection.nodes}
          onPick={(node) => setSelection({ kind: 'node', node })}
        />
      );
    render(<I18nProvider value={i18n}>{content}</I18nProvider>, open.root);
    const at =
      selection.kind === 'node' ? L.latLng(selection.node.lat, selection.node.lon) : selection.at;
    if (!map.hasLayer(open.popup) || !open.popup.getLatLng()?.equals(at)) {
      open.popup.setLatLng(at).openOn(map);
      // Opened from a marker with the keyboard (or a click, which focuses it too): focus goes
      // into the popup, and Escape brings it back.
      if (container.current?.contains(document.activeElement)) {
        open.root.querySelector<HTMLElement>('a, button')?.focus({ preventScroll: true });
      }
    } else {
      // update() lays the popup out again for its new content by putting the content back in
      // it, which takes focus away from whatever inside had it.
      const focused = open.root.contains(document.activeElement)
        ? (document.activeElement as HTMLElement)
        : null;
      open.popup.update();
      focused?.focus({ preventScroll: true });
    }
  }, [map, selection, links, i18n]);

  return (
    <div class={`node-map ${props.class ?? ''}`}>
      <div ref={container} class="node-map-canvas" role="region" aria-label={props.ariaLabel} />
      <BaseMapNote state={baseMap} class="node-map-note" />
    </div>
  );
}
