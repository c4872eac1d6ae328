import { render, type ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { BaseMapNote } from './base-map/base-map-note.js';
import type { BaseMapSite } from './base-map/base-map-sources.js';
import { useBaseMap } from './base-map/use-base-map.js';
import './mini-map.css';

/** A point on the map: a circle, with a short label inside when `label` is given. */
export interface MiniMapMarker {
  readonly lat: number;
  readonly lon: number;
  /** Fill colour (any CSS colour). */
  readonly color: string;
  /** Radius in pixels; 7 unless given (11 for labelled markers). */
  readonly radius?: number;
  /** A few characters drawn inside the marker (a gateway's number). */
  readonly label?: string;
  /** The marker's accessible name and hover tooltip (plain text). */
  readonly title: string;
  /** Shown in a popup on click or Enter; plain text or Preact children. */
  readonly popup?: ComponentChildren;
  /** Called on click or Enter instead of opening a popup. */
  readonly onClick?: () => void;
}

/** A line between points, `[lat, lon]` each. */
export interface MiniMapLine {
  readonly points: readonly (readonly [number, number])[];
  readonly color: string;
  readonly dashed?: boolean;
  /** Draws a small arrow at the middle of each segment, pointing from a point to the next. */
  readonly arrows?: boolean;
  /** Line width in pixels; 3 unless given. */
  readonly weight?: number;
  /** `data-*` attributes of the drawn SVG path (`{ from: '42' }` gives `data-from="42"`). */
  readonly data?: Readonly<Record<string, string>>;
}

/** What `MiniMap` shows. */
export interface MiniMapProps {
  /** `/api/config`'s `site`: the base maps (`map_tile_url`, `map_tile_urls`). */
  readonly site: BaseMapSite;
  /** Memoise markers and lines: a new array redraws them and fits the map again. */
  readonly markers: readonly MiniMapMarker[];
  readonly lines?: readonly MiniMapLine[];
  /** CSS height of the map; 320px unless given. */
  readonly height?: string;
  /** What the map shows, for screen readers (`Map of the gateways that heard packet 123`). */
  readonly ariaLabel: string;
}

/**
 * A small Leaflet map of markers and lines, fitted to its contents. Needs no images: markers are
 * round divs, labelled or not. Its background is a {@link useBaseMap} base map: the site's tiles
 * (with a chooser when it offers several), or, when they cannot load (offline, a strict proxy),
 * an outline of the world's coasts and borders, and a line under the map that says so.
 * The container is focusable (arrow keys pan, +/− zoom) and named by `ariaLabel`; pages keep a
 * table with the same facts as the text alternative.
 *
 * @example
 * <MiniMap
 *   site={config.site}
 *   ariaLabel="Where packet 42 was heard"
 *   markers={[{ lat: 52.1, lon: 4.3, color: '#d33', label: '1', title: 'Gateway A', popup: 'RSSI −90' }]}
 *   lines={[{ points: [[52, 4], [52.1, 4.3]], color: '#888', dashed: true }]}
 * />
 */
export function MiniMap(props: MiniMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const [leaflet, setLeaflet] = useState<L.Map | null>(null);
  const baseMap = useBaseMap(leaflet, props.site);

  useEffect(() => {
    const element = container.current!;
    const created = L.map(element, {
      zoomControl: true,
      attributionControl: true,
      scrollWheelZoom: false,
      keyboard: true,
    });
    map.current = created;
    setLeaflet(created);
    // A map laid out while its container changes size (phone rotation, a panel opening) would
    // keep its old size and fit.
    const resize = new ResizeObserver(() => created.invalidateSize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      created.remove();
      map.current = null;
      setLeaflet(null);
    };
  }, []);

  useEffect(() => {
    const current = map.current!;
    const overlays = L.featureGroup();
    const popupRoots: HTMLElement[] = [];
    const tagged: [L.Polyline, Readonly<Record<string, string>>][] = [];
    for (const line of props.lines ?? []) {
      const points = line.points.map(([lat, lon]) => L.latLng(lat, lon));
      const drawn = L.polyline(points, {
        color: line.color,
        weight: line.weight ?? 3,
        opacity: 0.85,
        interactive: false,
        ...(line.dashed ? { dashArray: '6 6' } : {}),
      }).addTo(overlays);
      if (line.data) tagged.push([drawn, line.data]);
      if (line.arrows) {
        for (let i = 1; i < points.length; i++)
          addArrow(overlays, points[i - 1]!, points[i]!, line);
      }
    }
    for (const marker of props.markers) {
      const layer = markerLayer(marker);
      layer.bindTooltip(textElement(marker.title), { direction: 'top' });
      if (marker.onClick) {
        const onClick = marker.onClick;
        layer.on('click', () => onClick());
        layer.on('keypress', (event: L.LeafletKeyboardEvent) => {
          if (event.originalEvent.key === 'Enter') onClick();
        });
      } else if (marker.popup !== undefined) {
        const root = document.createElement('div');
        render(<>{marker.popup}</>, root);
        popupRoots.push(root);
        layer.bindPopup(root, { maxWidth: 280 });
      }
      layer.addTo(overlays);
    }
    overlays.addTo(current);
    fit(current, overlays);
    // A path element exists once its layer is on a map with a view (after `fit`).
    for (const [drawn, data] of tagged) {
      const element = drawn.getElement();
      for (const [name, value] of Object.entries(data))
        element?.setAttribute(`data-${name}`, value);
    }
    return () => {
      current.removeLayer(overlays);
      for (const root of popupRoots) render(null, root);
    };
  }, [props.markers, props.lines]);

  return (
    <div class="mini-map">
      <div
        ref={container}
        class="mini-map-canvas"
        style={{ height: props.height ?? '320px' }}
        role="region"
        aria-label={props.ariaLabel}
        tabIndex={0}
      />
      <BaseMapNote state={baseMap} />
    </div>
  );
}

/**
 * A marker as a div (no image), focusable and named: Enter opens its popup. SVG circles would
 * take keyboard focus in Chromium without a name.
 */
function markerLayer(marker: MiniMapMarker): L.Marker {
  const size = (marker.radius ?? (marker.label === undefined ? 7 : 11)) * 2;
  const icon = L.divIcon({
    className: 'mini-map-label',
    html: `<span style="background:${cssColor(marker.color)};width:${size}px;height:${size}px;line-height:${size}px"></span>`,
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
  });
  const layer = L.marker([marker.lat, marker.lon], { icon, keyboard: true });
  layer.on('add', () => {
    const element = layer.getElement();
    if (!element) return;
    element.setAttribute('aria-label', marker.title);
    // The label goes in as text, never as HTML: names come from the mesh.
    element.firstElementChild!.textContent = marker.label ?? '';
  });
  return layer;
}

/** A small arrow at the middle of a segment, rotated along it (in Web Mercator). */
function addArrow(group: L.FeatureGroup, from: L.LatLng, to: L.LatLng, line: MiniMapLine): void {
  const project = (p: L.LatLng) => L.Projection.SphericalMercator.project(p);
  const a = project(from);
  const b = project(to);
  if (a.distanceTo(b) === 0) return;
  // Mercator y grows northwards, screen y southwards.
  const angle = (Math.atan2(-(b.y - a.y), b.x - a.x) * 180) / Math.PI;
  const middle = L.latLng((from.lat + to.lat) / 2, (from.lng + to.lng) / 2);
  L.marker(middle, {
    icon: L.divIcon({
      className: 'mini-map-arrow',
      html: `<span style="transform:rotate(${angle}deg);color:${cssColor(line.color)}">➤</span>`,
      iconSize: [16, 16],
      iconAnchor: [8, 8],
    }),
    interactive: false,
    keyboard: false,
  }).addTo(group);
}

function fit(map: L.Map, overlays: L.FeatureGroup): void {
  const bounds = overlays.getBounds();
  if (!bounds.isValid()) {
    map.setView([20, 0], 1);
  } else if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
    map.setView(bounds.getCenter(), 13);
  } else {
    map.fitBounds(bounds, { padding: [28, 28], maxZoom: 15 });
  }
}

function textElement(text: string): HTMLElement {
  const span = document.createElement('span');
  span.textContent = text;
  return span;
}

/** Keeps a colour from breaking out of the inline style it goes into. */
function cssColor(color: string): string {
  return /^[#\w(),.%\s-]+$/.test(color) ? color : 'gray';
}
