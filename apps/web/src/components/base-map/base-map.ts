import * as L from 'leaflet';
import { BaseMapChooser } from './base-map-chooser.js';
import { BASE_MAP_STORAGE_KEY, chosenSource, type BaseMapSource } from './base-map-sources.js';
import { watchTileFailure } from './watch-tile-failure.js';
import { loadWorldOutline } from './world-outline.js';

/** What a {@link BaseMap} shows now. */
export interface BaseMapState {
  /** The chosen base map's URL template; null when the site has none. */
  readonly source: string | null;
  /** Its tiles: asked for, at least one shown, or unable to load (the layer is taken away). */
  readonly tiles: 'loading' | 'loaded' | 'failed' | 'none';
  /** The offline outline of the world, drawn when there are no tiles to show. */
  readonly outline: 'none' | 'loading' | 'drawn' | 'failed';
}

/** What a {@link BaseMap} is given. */
export interface BaseMapProps {
  readonly map: L.Map;
  /** In the chooser's order; the remembered one (or the first) is shown. */
  readonly sources: readonly BaseMapSource[];
  /** The chooser's label, e.g. "Base map". */
  readonly chooserLabel: string;
  /** Where the choice is remembered (localStorage; absent where storage is refused). */
  readonly storage?: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  readonly onChange?: (state: BaseMapState) => void;
}

const OSM_ATTRIBUTION =
  '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';
const NATURAL_EARTH_ATTRIBUTION =
  'Outline: <a href="https://www.naturalearthdata.com/">Natural Earth</a>';
const OUTLINE_PANE = 'meshviewWorldOutline';

/**
 * The map's background: the chosen base map's tiles, a chooser when the site offers more than
 * one (the choice remembered), and, when tiles cannot load (the tile server unreachable, every
 * tile refused) or the site has none, an outline of the world's coasts and borders from Natural
 * Earth, fetched on demand from the reader, so a map is never blank. The map container carries
 * `data-tiles` and `data-world-outline` (`loading`, `drawn`, `failed`) with the state.
 *
 * @example
 * const base = new BaseMap({ map, sources, chooserLabel: 'Base map', storage: localStorage });
 * // …
 * base.remove();
 */
export class BaseMap {
  readonly #props: BaseMapProps;
  readonly #chooser: BaseMapChooser | undefined;
  #tiles: L.TileLayer | undefined;
  #stopWatching: (() => void) | undefined;
  #outline: L.Layer | undefined;
  #state: BaseMapState;
  #removed = false;

  constructor(props: BaseMapProps) {
    this.#props = props;
    const { map, sources } = props;
    if (!map.getPane(OUTLINE_PANE)) {
      // Under the tiles (tilePane is 200), above the map's background.
      const pane = map.createPane(OUTLINE_PANE);
      pane.style.zIndex = '150';
      pane.style.pointerEvents = 'none';
    }
    const first = chosenSource(sources, props.storage?.getItem(BASE_MAP_STORAGE_KEY));
    this.#state = { source: first?.url ?? null, tiles: 'none', outline: 'none' };
    if (sources.length > 1 && first) {
      this.#chooser = new BaseMapChooser({
        sources,
        chosenUrl: first.url,
        label: props.chooserLabel,
        onChoose: (source) => this.choose(source),
      });
      this.#chooser.addTo(map);
    }
    if (first) this.#show(first);
    else this.#drawOutline();
    this.#publish();
  }

  /** What is shown now. */
  get state(): BaseMapState {
    return this.#state;
  }

  /** Shows `source` instead, and remembers the choice. */
  choose(source: BaseMapSource): void {
    if (this.#removed) return;
    try {
      this.#props.storage?.setItem(BASE_MAP_STORAGE_KEY, source.url);
    } catch {
      // Storage full or refused: the choice holds for this page only.
    }
    this.#show(source);
  }

  /** Takes everything it added off the map. */
  remove(): void {
    this.#removed = true;
    this.#dropTiles();
    this.#chooser?.remove();
    if (this.#outline) this.#props.map.removeLayer(this.#outline);
    const container = this.#props.map.getContainer();
    delete container.dataset.tiles;
    delete container.dataset.worldOutline;
  }

  #show(source: BaseMapSource): void {
    this.#dropTiles();
    const tiles = L.tileLayer(source.url, {
      attribution: source.attribution
        ? escapeHtml(source.attribution)
        : source.isDefault
          ? OSM_ATTRIBUTION
          : '',
      maxZoom: 19,
      // The dark theme darkens the default (street) tiles; other base maps (aerial imagery)
      // are shown as they are.
      className: source.isDefault ? 'base-map-tiles base-map-tiles-default' : 'base-map-tiles',
    });
    this.#tiles = tiles;
    this.#stopWatching = watchTileFailure({
      layer: tiles,
      onLoaded: () => {
        this.#update({ tiles: 'loaded' });
        this.#removeOutline();
      },
      onFailed: () => {
        this.#dropTiles();
        this.#update({ tiles: 'failed' });
        this.#drawOutline();
      },
    });
    this.#update({ source: source.url, tiles: 'loading' });
    tiles.addTo(this.#props.map);
  }

  #dropTiles(): void {
    this.#stopWatching?.();
    this.#stopWatching = undefined;
    if (this.#tiles) {
      // removeLayer before off(): the layer's own 'remove' listener takes its handlers off the
      // map; without it the map keeps calling a layer that has no map.
      this.#props.map.removeLayer(this.#tiles);
      this.#tiles.off();
      this.#tiles = undefined;
    }
  }

  #drawOutline(): void {
    if (this.#outline || this.#state.outline === 'loading') return;
    this.#update({ outline: 'loading' });
    loadWorldOutline().then(
      (world) => {
        // A base map that loaded meanwhile, or a map taken down, needs no outline.
        if (this.#removed || this.#state.tiles === 'loaded') {
          this.#update({ outline: 'none' });
          return;
        }
        const shared = { pane: OUTLINE_PANE, interactive: false, renderer: this.#renderer() };
        this.#outline = L.layerGroup([
          L.geoJSON(world.land, {
            ...shared,
            attribution: NATURAL_EARTH_ATTRIBUTION,
            style: { className: 'base-map-land' },
          }),
          L.geoJSON(world.borders, { ...shared, style: { className: 'base-map-borders' } }),
        ]).addTo(this.#props.map);
        this.#update({ outline: 'drawn' });
      },
      () => {
        if (!this.#removed) this.#update({ outline: 'failed' });
      },
    );
  }

  #removeOutline(): void {
    if (!this.#outline) return;
    this.#props.map.removeLayer(this.#outline);
    this.#outline = undefined;
    this.#update({ outline: 'none' });
  }

  /** SVG in the outline's pane, so that CSS gives the coasts and borders the theme's colours. */
  #renderer(): L.Renderer {
    return L.svg({ pane: OUTLINE_PANE, padding: 0.5 });
  }

  #update(change: Partial<BaseMapState>): void {
    this.#state = { ...this.#state, ...change };
    this.#publish();
  }

  #publish(): void {
    if (this.#removed) return;
    const container = this.#props.map.getContainer();
    container.dataset.tiles = this.#state.tiles;
    if (this.#state.outline === 'none') delete container.dataset.worldOutline;
    else container.dataset.worldOutline = this.#state.outline;
    this.#props.onChange?.(this.#state);
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
