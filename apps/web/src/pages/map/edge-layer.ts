import * as L from 'leaflet';
import type { EdgeLine } from './edge-lines.js';

/** A link with both ends placed. */
export interface PlacedEdge extends EdgeLine {
  readonly a: L.LatLng;
  readonly b: L.LatLng;
}

/** Line colours: traceroute links orange, neighbour links slate (MeshView: orange and grey). */
export const EDGE_COLORS = { traceroute: '#ea580c', neighbor: '#64748b' } as const;

/** Pixels between the two lanes of a two-way link, and the arrowheads' size. */
const LANE = 4;
const ARROW_LENGTH = 12;
const ARROW_HALF_WIDTH = 6;

/**
 * A node's links on the map, above the areas and under the markers: one line per direction,
 * each with an arrowhead at its middle pointing the way packets went. A link known both ways is
 * two parallel lanes a few pixels apart; a one-way link is one dashed line. Lanes and
 * arrowheads are laid out in pixels, so they are laid out again when a zoom ends.
 *
 * Each line carries `data-edge-from`, `data-edge-to`, `data-edge-type` and `data-edge-oneway`.
 */
export class EdgeLayer {
  readonly #map: L.Map;
  readonly #group = L.layerGroup();
  readonly #renderer: L.Renderer;
  #edges: readonly PlacedEdge[] = [];
  readonly #onZoomEnd = () => this.#draw();

  constructor(map: L.Map) {
    this.#map = map;
    if (!map.getPane('map-edges')) {
      const pane = map.createPane('map-edges');
      // Leaflet's overlay pane (areas) is 400, its marker pane 600.
      pane.style.zIndex = '450';
      pane.style.pointerEvents = 'none';
    }
    this.#renderer = L.svg({ pane: 'map-edges', padding: 0.5 });
    this.#group.addTo(map);
    map.on('zoomend', this.#onZoomEnd);
  }

  /** Shows these links instead of the previous ones (none: `[]`). */
  show(edges: readonly PlacedEdge[]): void {
    this.#edges = edges;
    this.#draw();
  }

  /** Takes everything off the map. */
  remove(): void {
    this.#map.off('zoomend', this.#onZoomEnd);
    this.#group.clearLayers();
    this.#group.remove();
  }

  #draw(): void {
    this.#group.clearLayers();
    const map = this.#map;
    for (const edge of this.#edges) {
      let a = map.latLngToLayerPoint(edge.a);
      let b = map.latLngToLayerPoint(edge.b);
      const length = a.distanceTo(b);
      if (length < 1) continue;
      const along = b.subtract(a).divideBy(length);
      // The right-hand side of the direction of travel (screen y grows downwards).
      const right = L.point(-along.y, along.x);
      if (!edge.oneWay) {
        a = a.add(right.multiplyBy(LANE / 2));
        b = b.add(right.multiplyBy(LANE / 2));
      }
      const color = EDGE_COLORS[edge.type];
      const line = L.polyline([map.layerPointToLatLng(a), map.layerPointToLatLng(b)], {
        renderer: this.#renderer,
        color,
        weight: 3,
        opacity: 0.9,
        interactive: false,
        noClip: true,
        ...(edge.oneWay ? { dashArray: '8 6' } : {}),
      }).addTo(this.#group);
      const path = line.getElement()!;
      path.setAttribute('data-edge-from', String(edge.from));
      path.setAttribute('data-edge-to', String(edge.to));
      path.setAttribute('data-edge-type', edge.type);
      path.setAttribute('data-edge-oneway', String(edge.oneWay));
      if (length < ARROW_LENGTH * 2) continue;
      const middle = a.add(b).divideBy(2);
      const tip = middle.add(along.multiplyBy(ARROW_LENGTH / 2));
      const back = middle.subtract(along.multiplyBy(ARROW_LENGTH / 2));
      const arrow = L.polygon(
        [
          tip,
          back.add(right.multiplyBy(ARROW_HALF_WIDTH)),
          back.subtract(right.multiplyBy(ARROW_HALF_WIDTH)),
        ].map((p) => map.layerPointToLatLng(p)),
        {
          renderer: this.#renderer,
          color,
          weight: 1,
          fillColor: color,
          fillOpacity: 1,
          interactive: false,
        },
      ).addTo(this.#group);
      arrow.getElement()!.setAttribute('data-edge-arrow', `${edge.from}>${edge.to}`);
    }
  }
}
