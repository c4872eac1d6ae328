import { useMemo } from 'preact/hooks';
import type { ConfigResponse, Node, PacketsResponse } from '@meshview/api';
import { MiniMap, type MiniMapLine, type MiniMapMarker } from '../../components/mini-map.js';
import { useApi } from '../../lib/api.js';
import { degrees, formatTimeUs, hasPosition } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import { nodeLabel } from './node-label.js';
import { nodeRequests } from './node-requests.js';
import { SectionNote } from './section-note.js';
import { trackPoints } from './track-points.js';

/** Colours on the map's (light) tiles, in either theme. */
const COLORS = { track: '#0b62c4', last: '#c2410c', neighbor: '#15803d', link: '#4d5661' };

/**
 * A small map of the node's last 50 positions (a line through them, the newest marked) and of its
 * neighbours that have a position, each joined to the node's newest position.
 */
export function TrackMap(props: {
  node: Node;
  nodeId: number;
  neighbors: ReadonlyMap<number, Node>;
  config: ConfigResponse;
}) {
  const { t, lang } = useI18n();
  const state = useApi<PacketsResponse>(...nodeRequests.track(props.nodeId));
  const name = nodeLabel(props.nodeId, props.node);
  const track = useMemo(() => trackPoints(state.data?.packets ?? []), [state.data]);
  const here = useMemo(() => {
    const last = track.at(-1);
    if (last) return last;
    const { last_lat, last_long } = props.node;
    if (!hasPosition(last_lat, last_long)) return undefined;
    return {
      lat: degrees(last_lat)!,
      lon: degrees(last_long)!,
      timeUs: props.node.last_seen_us ?? 0,
    };
  }, [track, props.node]);
  const neighbors = useMemo(
    () =>
      [...props.neighbors.values()].filter(
        (n) => n.node_id !== null && hasPosition(n.last_lat, n.last_long),
      ),
    [props.neighbors],
  );

  const { markers, lines } = useMemo(() => {
    const markers: MiniMapMarker[] = [];
    const lines: MiniMapLine[] = [];
    if (here === undefined) return { markers, lines };
    for (const neighbor of neighbors) {
      const lat = degrees(neighbor.last_lat)!;
      const lon = degrees(neighbor.last_long)!;
      lines.push({
        points: [
          [here.lat, here.lon],
          [lat, lon],
        ],
        color: COLORS.link,
        dashed: true,
        weight: 2,
      });
      const label = nodeLabel(neighbor.node_id!, neighbor);
      markers.push({
        lat,
        lon,
        color: COLORS.neighbor,
        title: t('node', 'map_neighbor', { name: label }),
        popup: label,
      });
    }
    if (track.length > 1) {
      lines.push({ points: track.map((p) => [p.lat, p.lon] as const), color: COLORS.track });
    }
    track.slice(0, -1).forEach((point) =>
      markers.push({
        lat: point.lat,
        lon: point.lon,
        color: COLORS.track,
        radius: 4,
        title: t('node', 'map_position', { time: formatTimeUs(point.timeUs, lang) }),
      }),
    );
    markers.push({
      lat: here.lat,
      lon: here.lon,
      color: COLORS.last,
      radius: 9,
      title: t('node', 'map_last_position', { name, time: formatTimeUs(here.timeUs, lang) }),
    });
    return { markers, lines };
  }, [here, track, neighbors, name, t, lang]);

  return (
    <section class="node-card node-map" aria-labelledby="node-map-title">
      <h2 id="node-map-title">{t('node', 'map')}</h2>
      {state.data === undefined && !state.error ? (
        <SectionNote state={state} />
      ) : here === undefined ? (
        <p class="section-note">{t('node', 'no_position')}</p>
      ) : (
        <>
          <MiniMap
            site={props.config.site}
            ariaLabel={t('node', 'map_label', { name })}
            markers={markers}
            lines={lines}
            height="300px"
          />
          <p class="section-note">
            {t('node', 'map_caption', {
              positions: track.length,
              neighbors: neighbors.length,
            })}
          </p>
        </>
      )}
    </section>
  );
}
