import { useEffect, useRef, useState } from 'preact/hooks';
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { ConfigResponse } from '@meshview/api';
import { BaseMapNote } from '../../components/base-map/base-map-note.js';
import { useBaseMap } from '../../components/base-map/use-base-map.js';
import { HeatLayer, type HeatPoint } from '../../components/heat-layer/heat-layer.js';

/**
 * The heat map itself: the site's base map, fitted to the `[site] map_*` bounds, under a
 * {@link HeatLayer} of `points`. The container is focusable (arrow keys pan, +/− zoom) and named
 * by `ariaLabel`; `data-map-state` is `ready` once the heat of loaded `points` is drawn.
 */
export function HeatMap(props: {
  site: ConfigResponse['site'];
  points: readonly HeatPoint[];
  /** Whether `points` are the answer (not the empty list of a page still loading). */
  loaded: boolean;
  ariaLabel: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const heat = useRef<HeatLayer | null>(null);
  const baseMap = useBaseMap(map, props.site);
  const { site } = props;

  useEffect(() => {
    const created = L.map(container.current!, { keyboard: true, zoomSnap: 0.5 });
    created.fitBounds([
      [site.map_top_left_lat, site.map_top_left_lon],
      [site.map_bottom_right_lat, site.map_bottom_right_lon],
    ]);
    heat.current = new HeatLayer().addTo(created);
    setMap(created);
    const resize = new ResizeObserver(() => created.invalidateSize());
    resize.observe(container.current!);
    return () => {
      resize.disconnect();
      created.remove();
      heat.current = null;
      setMap(null);
    };
  }, [
    site.map_top_left_lat,
    site.map_top_left_lon,
    site.map_bottom_right_lat,
    site.map_bottom_right_lon,
  ]);

  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    if (!map || !heat.current) return;
    heat.current.setPoints(props.points);
    setDrawn(props.loaded);
  }, [map, props.points, props.loaded]);

  return (
    <div class="heat-map">
      <div
        ref={container}
        class="heat-map-canvas"
        role="region"
        aria-label={props.ariaLabel}
        tabIndex={0}
        data-map-state={drawn ? 'ready' : 'loading'}
      />
      <BaseMapNote state={baseMap} />
    </div>
  );
}
