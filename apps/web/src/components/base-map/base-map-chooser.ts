import * as L from 'leaflet';
import type { BaseMapSource } from './base-map-sources.js';

/** What {@link BaseMapChooser} offers. */
export interface BaseMapChooserProps {
  readonly sources: readonly BaseMapSource[];
  readonly chosenUrl: string;
  /** The select's visible label ("Base map"). */
  readonly label: string;
  readonly onChoose: (source: BaseMapSource) => void;
}

/**
 * A Leaflet control with a labelled `<select>` of the base maps: reachable with Tab, read by
 * screen readers as a combo box with its name, and usable with the arrow keys without panning the
 * map underneath (Leaflet's own layers control hides its choices until hovered).
 */
export class BaseMapChooser extends L.Control {
  readonly #props: BaseMapChooserProps;

  constructor(props: BaseMapChooserProps) {
    super({ position: 'topright' });
    this.#props = props;
  }

  override onAdd(): HTMLElement {
    const container = L.DomUtil.create('div', 'leaflet-control leaflet-bar base-map-chooser');
    const label = document.createElement('label');
    const text = document.createElement('span');
    text.textContent = this.#props.label;
    const select = document.createElement('select');
    for (const source of this.#props.sources) {
      const option = document.createElement('option');
      option.value = source.url;
      option.textContent = source.name;
      option.selected = source.url === this.#props.chosenUrl;
      select.append(option);
    }
    select.addEventListener('change', () => {
      const source = this.#props.sources.find((s) => s.url === select.value);
      if (source) this.#props.onChoose(source);
    });
    label.append(text, select);
    container.append(label);
    L.DomEvent.disableClickPropagation(container);
    L.DomEvent.disableScrollPropagation(container);
    // The map's keyboard handler listens on its container: arrow keys that move through the
    // choices must not pan the map too.
    L.DomEvent.on(select, 'keydown', L.DomEvent.stopPropagation);
    return container;
  }
}
