import * as L from 'leaflet';
import { ClusterIndex, type MapItem } from './cluster-index.js';
import type { MapNode } from './map-node.js';
import { nodeRadius } from './node-radius.js';

/** What {@link NodeLayer} needs from the page. */
export interface NodeLayerProps {
  readonly map: L.Map;
  /** The element whose `data-drawn-markers` counts what is drawn (the map's container). */
  readonly counter: HTMLElement;
  readonly colorOf: (channel: string) => string;
  /** A marker's accessible name and hover title. */
  readonly nodeLabel: (node: MapNode) => string;
  /** A cluster's accessible name. */
  readonly clusterLabel: (count: number) => string;
  /** A node was clicked (or Enter was pressed on it). */
  readonly onNode: (node: MapNode) => void;
  /** A cluster that never splits (nodes at one spot) was clicked. */
  readonly onSpot: (nodes: readonly MapNode[], at: L.LatLng) => void;
}

/** One drawn item: its marker, and the area of a reduced-precision node. */
interface Drawn {
  readonly item: MapItem;
  readonly marker: L.Marker;
  readonly area: L.Rectangle | null;
}

/** How much beyond the window is drawn (a fraction of its size each way), so a pan shows no gap. */
const PAD = 0.25;

/**
 * The nodes on the map: clusters where markers crowd, single markers (sized by role, coloured by
 * channel) where they do not, and the area each reduced-precision position stands for. Only what
 * lies in (and a little around) the window is in the DOM, and it is recomputed when a pan or zoom
 * ends, never during one; items that stay are kept, so a pan touches only what entered or left.
 *
 * The drawn elements carry the data attributes the tests and the page benchmark read:
 * `data-node-id`, `data-channel`, `data-role` on node markers, `data-cluster-count` on clusters,
 * `data-precision-node-id` and `data-precision-bits` on areas, `data-blink="true"` while a
 * node (or a cluster holding it) blinks; the counter element gets `data-drawn-markers`.
 */
export class NodeLayer {
  readonly #props: NodeLayerProps;
  readonly #markers = L.layerGroup();
  readonly #areas = L.layerGroup();
  readonly #renderer = L.svg({ padding: PAD });
  readonly #drawn = new Map<string, Drawn>();
  #index: ClusterIndex | null = null;
  #blinks: ReadonlyMap<number, string> = new Map();
  #selected: number | null = null;
  /** Node id → key of the drawn cluster holding it; built when a blink needs it. */
  #clusterOf: Map<number, string> | null = null;
  /** The activity line each blinking item's tooltip shows, by item key. */
  readonly #tips = new Map<string, string>();
  readonly #onMoveEnd = () => this.#keepingFocus(() => this.#redraw());

  constructor(props: NodeLayerProps) {
    this.#props = props;
    this.#areas.addTo(props.map);
    this.#markers.addTo(props.map);
    props.map.on('moveend', this.#onMoveEnd);
  }

  /** Draws these nodes instead of the previous ones. */
  setNodes(nodes: readonly MapNode[]): void {
    this.#keepingFocus(() => {
      this.#index = new ClusterIndex(nodes);
      for (const key of [...this.#drawn.keys()]) this.#remove(key);
      this.#redraw();
    });
  }

  /** Makes these nodes blink, each with its tooltip line; the others stop. */
  setBlinks(blinks: ReadonlyMap<number, string>): void {
    this.#blinks = blinks;
    this.#applyBlinks();
  }

  /** Marks the node whose popup is open (`null`: none). */
  setSelected(nodeId: number | null): void {
    this.#selected = nodeId;
    for (const drawn of this.#drawn.values()) {
      if (drawn.item.kind !== 'node') continue;
      const selected = drawn.item.node.nodeId === nodeId;
      drawn.marker.getElement()?.classList.toggle('map-node-selected', selected);
    }
  }

  /** Takes everything off the map. */
  remove(): void {
    this.#props.map.off('moveend', this.#onMoveEnd);
    for (const key of [...this.#drawn.keys()]) this.#remove(key);
    this.#markers.remove();
    this.#areas.remove();
  }

  /**
   * Runs `change`; a focused marker it took away and drew again (new nodes, or a pan that moved
   * it out of the drawn box and back) gets focus again, so a keyboard user is not sent back to
   * the page's start.
   */
  #keepingFocus(change: () => void): void {
    const focused = document.activeElement;
    let key: string | undefined;
    for (const [k, drawn] of this.#drawn) if (drawn.marker.getElement() === focused) key = k;
    change();
    if (key === undefined || document.activeElement === focused) return;
    this.#drawn.get(key)?.marker.getElement()?.focus({ preventScroll: true });
  }

  #redraw(): void {
    const index = this.#index;
    if (index === null) return;
    const { map } = this.#props;
    const items = index.items(box(map.getBounds().pad(PAD)), Math.round(map.getZoom()));
    const wanted = new Map(items.map((item) => [keyOf(item), item]));
    for (const key of [...this.#drawn.keys()]) if (!wanted.has(key)) this.#remove(key);
    for (const [key, item] of wanted) if (!this.#drawn.has(key)) this.#add(key, item);
    this.#clusterOf = null;
    // Only markers in the window are in the Tab order: focusing one drawn in the margin around
    // it would scroll the map's container.
    const shown = map.getBounds();
    for (const drawn of this.#drawn.values()) {
      const element = drawn.marker.getElement();
      if (element) element.tabIndex = shown.contains(drawn.marker.getLatLng()) ? 0 : -1;
    }
    this.#props.counter.dataset.drawnMarkers = String(this.#drawn.size);
    this.#applyBlinks();
  }

  #add(key: string, item: MapItem): void {
    const { colorOf, nodeLabel, clusterLabel } = this.#props;
    if (item.kind === 'cluster') {
      const size = clusterSize(item.count);
      const marker = L.marker([item.lat, item.lon], {
        icon: L.divIcon({
          className: 'map-cluster',
          html: '',
          iconSize: [size, size],
          iconAnchor: [size / 2, size / 2],
        }),
        keyboard: true,
        title: clusterLabel(item.count),
      });
      marker.on('click', () => this.#openCluster(item));
      onEnter(marker, () => this.#openCluster(item));
      marker.addTo(this.#markers);
      const element = marker.getElement()!;
      element.dataset.clusterCount = String(item.count);
      element.setAttribute('aria-label', clusterLabel(item.count));
      // Text, never HTML: the count is ours, but one rule for all marker contents.
      element.textContent =
        item.count >= 1000 ? `${Math.round(item.count / 100) / 10}k` : `${item.count}`;
      this.#drawn.set(key, { item, marker, area: null });
      return;
    }

    const { node } = item;
    const color = colorOf(node.channel);
    const size = nodeRadius(node.role) * 2;
    let area: L.Rectangle | null = null;
    if (node.cell !== null) {
      const { south, west, north, east } = node.cell;
      area = L.rectangle(
        [
          [south, west],
          [north, east],
        ],
        {
          renderer: this.#renderer,
          color,
          weight: 1.5,
          dashArray: '5 4',
          fillColor: color,
          fillOpacity: 0.12,
          interactive: false,
        },
      ).addTo(this.#areas);
      const path = area.getElement()!;
      path.setAttribute('data-precision-node-id', String(node.nodeId));
      path.setAttribute('data-precision-bits', String(node.precisionBits));
    }
    const label = nodeLabel(node);
    const marker = L.marker([node.lat, node.lon], {
      icon: L.divIcon({
        className: node.cell === null ? 'map-node' : 'map-node map-node-area',
        html: '',
        iconSize: [size, size],
        iconAnchor: [size / 2, size / 2],
      }),
      keyboard: true,
      title: label,
      riseOnHover: true,
    });
    marker.on('click', () => this.#props.onNode(node));
    onEnter(marker, () => this.#props.onNode(node));
    marker.addTo(this.#markers);
    const element = marker.getElement()!;
    element.dataset.nodeId = String(node.nodeId);
    element.dataset.channel = node.channel;
    element.dataset.role = node.role ?? '';
    element.setAttribute('aria-label', label);
    element.style.setProperty('--node-color', color);
    if (node.nodeId === this.#selected) element.classList.add('map-node-selected');
    this.#drawn.set(key, { item, marker, area });
  }

  #remove(key: string): void {
    const drawn = this.#drawn.get(key);
    if (!drawn) return;
    drawn.marker.unbindTooltip();
    this.#tips.delete(key);
    this.#markers.removeLayer(drawn.marker);
    drawn.marker.off();
    if (drawn.area) this.#areas.removeLayer(drawn.area);
    this.#drawn.delete(key);
  }

  #openCluster(item: Extract<MapItem, { kind: 'cluster' }>): void {
    const { map } = this.#props;
    const at = L.latLng(item.lat, item.lon);
    const zoom = this.#index?.splits(item.clusterId) ?? null;
    if (zoom === null) this.#props.onSpot(this.#index?.nodesOf(item.clusterId) ?? [], at);
    else map.setView(at, Math.max(zoom, map.getZoom() + 1));
  }

  /** Sets `data-blink` and the activity tooltip on what shows a blinking node. */
  #applyBlinks(): void {
    const lines = new Map<string, string>();
    for (const [nodeId, line] of this.#blinks) {
      const key = this.#drawn.has(`n${nodeId}`) ? `n${nodeId}` : this.#clusterKeyOf(nodeId);
      if (key !== undefined) lines.set(key, line);
    }
    for (const [key, drawn] of this.#drawn) {
      const element = drawn.marker.getElement();
      const line = lines.get(key);
      const shown = this.#tips.get(key);
      if (line === shown) continue;
      if (shown !== undefined) {
        drawn.marker.unbindTooltip();
        this.#tips.delete(key);
      }
      if (line === undefined) {
        if (element) delete element.dataset.blink;
        continue;
      }
      if (element) element.dataset.blink = 'true';
      drawn.marker
        .bindTooltip(textElement(line), {
          permanent: true,
          direction: 'top',
          offset: [0, -8],
          className: 'map-activity-tip',
        })
        .openTooltip();
      this.#tips.set(key, line);
    }
  }

  #clusterKeyOf(nodeId: number): string | undefined {
    if (this.#clusterOf === null) {
      this.#clusterOf = new Map();
      for (const [key, drawn] of this.#drawn) {
        if (drawn.item.kind !== 'cluster') continue;
        for (const node of this.#index?.nodesOf(drawn.item.clusterId) ?? []) {
          this.#clusterOf.set(node.nodeId, key);
        }
      }
    }
    return this.#clusterOf.get(nodeId);
  }
}

function keyOf(item: MapItem): string {
  return item.kind === 'node' ? `n${item.node.nodeId}` : `c${item.clusterId}`;
}

/** `[west, south, east, north]` of Leaflet bounds, longitudes brought into −180…180. */
function box(bounds: L.LatLngBounds): [number, number, number, number] {
  const south = Math.max(-90, bounds.getSouth());
  const north = Math.min(90, bounds.getNorth());
  if (bounds.getEast() - bounds.getWest() >= 360) return [-180, south, 180, north];
  const wrap = (lon: number) => ((((lon + 180) % 360) + 360) % 360) - 180;
  return [wrap(bounds.getWest()), south, wrap(bounds.getEast()), north];
}

/** A cluster's diameter: bigger for more nodes, within 30–52 px. */
function clusterSize(count: number): number {
  return Math.min(52, 30 + Math.round(Math.log10(count) * 8));
}

/** Enter or Space on a focused marker does what a click does. */
function onEnter(marker: L.Marker, action: () => void): void {
  marker.on('keydown', (event: L.LeafletKeyboardEvent) => {
    const key = event.originalEvent.key;
    if (key !== 'Enter' && key !== ' ') return;
    event.originalEvent.preventDefault();
    action();
  });
}

function textElement(text: string): HTMLElement {
  const span = document.createElement('span');
  span.textContent = text;
  return span;
}
