import { useMemo } from 'preact/hooks';
import type { Node } from '@meshview/api';
import type { BaseMapSite } from '../../components/base-map/base-map-sources.js';
import { Link } from '../../components/link.js';
import { MiniMap, type MiniMapLine, type MiniMapMarker } from '../../components/mini-map.js';
import { degrees, hexId } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import { TRACE_COLORS } from './trace-colors.js';
import type { TraceLink, TraceRoute } from './trace-route.js';

/** A node's position in degrees, when the reader knows one. */
export function nodePosition(node: Node | null | undefined): [number, number] | null {
  const lat = degrees(node?.last_lat);
  const lon = degrees(node?.last_long);
  return lat === null || lon === null || (lat === 0 && lon === 0) ? null : [lat, lon];
}

/**
 * The route on a map: a marker per node (requester, destination, relays), a line with an arrow
 * per link, forward solid and return dashed. Each line's SVG path carries `data-from`, `data-to`,
 * `data-direction` (`forward` or `return`) and `data-snr` (dB, or `unknown`).
 */
export function TraceMap(props: {
  route: TraceRoute;
  links: readonly TraceLink[];
  names: ReadonlyMap<number, Node | null>;
  site: BaseMapSite;
  label: string;
}) {
  const { t } = useI18n();
  const { route, links, names } = props;
  const { markers, lines } = useMemo(() => {
    const at = (id: number) => nodePosition(names.get(id));
    const lines: MiniMapLine[] = links.flatMap((link) => {
      const a = at(link.from);
      const b = at(link.to);
      if (!a || !b) return [];
      return [
        {
          points: [a, b],
          color: TRACE_COLORS[link.direction],
          dashed: link.direction === 'return',
          arrows: true,
          data: {
            from: String(link.from),
            to: String(link.to),
            direction: link.direction,
            snr: link.snr === null ? 'unknown' : String(link.snr),
          },
        },
      ];
    });
    const ids = [...new Set(links.flatMap((l) => [l.from, l.to]))];
    // The requester first, so it comes first when tabbing through the map.
    ids.sort((a, b) => Number(b === route.requester) - Number(a === route.requester));
    const markers: MiniMapMarker[] = ids.flatMap((id) => {
      const position = at(id);
      if (!position) return [];
      const role =
        id === route.requester ? 'requester' : id === route.destination ? 'destination' : 'relay';
      const name = names.get(id)?.long_name?.trim() || hexId(id);
      const title = t('traceroute', `map_${role}`, { name });
      return [
        {
          lat: position[0],
          lon: position[1],
          color: TRACE_COLORS[role],
          radius: role === 'relay' ? 7 : 10,
          title,
          popup: (
            <div>
              <strong>{title}</strong>
              <br />
              <Link href={`/node/${id}`}>{t('traceroute', 'open_node')}</Link>
            </div>
          ),
        },
      ];
    });
    return { markers, lines };
  }, [route, links, names, t]);

  return (
    <div class="trace-map">
      <MiniMap
        site={props.site}
        markers={markers}
        lines={lines}
        height="380px"
        ariaLabel={props.label}
      />
    </div>
  );
}
