import * as L from 'leaflet';
import { heatPalette } from './heat-palette.js';

/** One thing the heat counts: a position, spread over its cell when it is approximate. */
export interface HeatPoint {
  readonly lat: number;
  readonly lon: number;
  /**
   * The side in degrees of the area the position stands for (a position reduced to fewer
   * precision bits); 0 or absent for a precise one.
   */
  readonly cellDegrees?: number;
}

/** How a {@link HeatLayer} draws. */
export interface HeatLayerOptions {
  /** A precise point's radius in pixels; 22 unless given. */
  readonly radius?: number;
  /** How much one point adds (0–1); 0.4 unless given: three together are hot. */
  readonly pointWeight?: number;
  /** The heat's opacity at its densest, so the map stays readable under it; 0.8 unless given. */
  readonly maxOpacity?: number;
}

/**
 * A density layer on its own canvas (no plugin, no global `L`): each point adds a soft disc of
 * density, an approximate one spread over the area it stands for with the same total weight (a
 * 16-bit position from a 700 m cell counts as much as a precise one, but thinly), and the summed
 * density is coloured by the {@link heatPalette}. Redrawn after each move or zoom.
 *
 * The canvas is decorative for assistive technology (`aria-hidden`; the page describes it in
 * text) and carries `data-points` (points given) and `data-approximate` (of them, those with a
 * cell, spread over it where the cell is wider than a disc) after each draw.
 *
 * @example
 * const heat = new HeatLayer({ radius: 20 }).addTo(map);
 * heat.setPoints(nodes.map((n) => ({ lat: n.lat, lon: n.lon, cellDegrees: n.cell })));
 */
export class HeatLayer extends L.Layer {
  readonly #radius: number;
  readonly #weight: number;
  readonly #maxOpacity: number;
  readonly #palette = heatPalette();
  #points: readonly HeatPoint[] = [];
  #canvas: HTMLCanvasElement | undefined;
  #map: L.Map | undefined;

  constructor(options: HeatLayerOptions = {}) {
    super();
    this.#radius = options.radius ?? 22;
    this.#weight = options.pointWeight ?? 0.4;
    this.#maxOpacity = options.maxOpacity ?? 0.8;
  }

  /** Replaces the points and redraws. */
  setPoints(points: readonly HeatPoint[]): this {
    this.#points = points;
    this.#draw();
    return this;
  }

  override onAdd(map: L.Map): this {
    this.#map = map;
    // leaflet-zoom-hide: hidden while a zoom animates, redrawn when it ends.
    const canvas = L.DomUtil.create('canvas', 'heat-layer leaflet-zoom-hide');
    canvas.setAttribute('aria-hidden', 'true');
    canvas.style.pointerEvents = 'none';
    this.getPane()!.append(canvas);
    this.#canvas = canvas;
    map.on('moveend zoomend resize viewreset', this.#draw, this);
    this.#draw();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('moveend zoomend resize viewreset', this.#draw, this);
    this.#canvas?.remove();
    this.#canvas = undefined;
    this.#map = undefined;
    return this;
  }

  #draw(): void {
    const map = this.#map;
    const canvas = this.#canvas;
    if (!map || !canvas) return;
    const size = map.getSize();
    canvas.width = size.x;
    canvas.height = size.y;
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context || size.x === 0 || size.y === 0) return;
    for (const point of this.#points) {
      const at = map.latLngToContainerPoint([point.lat, point.lon]);
      const spread = this.#spreadRadius(map, point);
      const radius = Math.max(this.#radius, spread);
      if (at.x < -radius || at.y < -radius || at.x > size.x + radius || at.y > size.y + radius) {
        continue;
      }
      // The same weight over a larger disc: thinner.
      context.globalAlpha = Math.min(1, this.#weight * (this.#radius / radius) ** 2);
      const disc = context.createRadialGradient(at.x, at.y, 0, at.x, at.y, radius);
      disc.addColorStop(0, 'rgba(0, 0, 0, 1)');
      disc.addColorStop(1, 'rgba(0, 0, 0, 0)');
      context.fillStyle = disc;
      context.fillRect(at.x - radius, at.y - radius, radius * 2, radius * 2);
    }
    this.#colour(context, size);
    canvas.dataset.points = String(this.#points.length);
    canvas.dataset.approximate = String(
      this.#points.filter((p) => (p.cellDegrees ?? 0) > 0).length,
    );
  }

  /** Half the on-screen size of the cell an approximate point stands for (0 for a precise one). */
  #spreadRadius(map: L.Map, point: HeatPoint): number {
    const cell = point.cellDegrees ?? 0;
    if (cell <= 0) return 0;
    const a = map.latLngToContainerPoint([point.lat + cell / 2, point.lon - cell / 2]);
    const b = map.latLngToContainerPoint([point.lat - cell / 2, point.lon + cell / 2]);
    return Math.max(Math.abs(b.x - a.x), Math.abs(b.y - a.y)) / 2;
  }

  /** Turns the accumulated density (the alpha channel) into the palette's colours. */
  #colour(context: CanvasRenderingContext2D, size: L.Point): void {
    const image = context.getImageData(0, 0, size.x, size.y);
    const pixels = image.data;
    const palette = this.#palette;
    const opacity = this.#maxOpacity * 255;
    for (let i = 0; i < pixels.length; i += 4) {
      const density = pixels[i + 3]!;
      if (density === 0) continue;
      pixels[i] = palette[density * 3]!;
      pixels[i + 1] = palette[density * 3 + 1]!;
      pixels[i + 2] = palette[density * 3 + 2]!;
      // Faint edges fade out; anything from a third of the densest up is fully shown.
      pixels[i + 3] = Math.min(1, (density / 255) * 3) * opacity;
    }
    context.putImageData(image, 0, 0);
  }
}
