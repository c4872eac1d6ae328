import { useMemo } from 'preact/hooks';
import { MiniMap, type MiniMapLine, type MiniMapMarker } from '../../components/mini-map.js';
import { Link } from '../../components/link.js';
import { formatNumber } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import { plural } from './plural.js';
import { formatDistance } from './distance.js';
import { HOP_COLORS, UNKNOWN_HOPS_COLOR, hopColor } from './hops.js';
import type { HopGroup, LatLon } from './receptions.js';
import type { BaseMapSite } from '../../components/base-map/base-map-sources.js';

/** Where the packet came from, when its position is known. */
export interface PacketSource {
  readonly num: number;
  readonly name: string;
  readonly position: LatLon;
}

const SOURCE_COLOR = '#0b62c4';

/**
 * The packet on a map: its source and one numbered marker per gateway that heard it (numbers as
 * in the "seen by" table), coloured by hops, with a line from the source to each; a legend.
 */
export function PacketMap(props: {
  packetId: number;
  site: BaseMapSite;
  source: PacketSource | null;
  groups: readonly HopGroup[];
}) {
  const { t, lang } = useI18n();
  const { source, groups } = props;
  const receptions = groups.flatMap((group) => group.receptions);
  const placed = receptions.filter((r) => r.position !== null);

  const { markers, lines } = useMemo(() => {
    const markers: MiniMapMarker[] = [];
    const lines: MiniMapLine[] = [];
    for (const reception of placed) {
      const position = reception.position!;
      const name = reception.longName ?? reception.shortName ?? `#${reception.number}`;
      const hops =
        reception.hops === null
          ? t('packet', 'hops_unknown')
          : plural(t, 'hop_count', reception.hops);
      markers.push({
        lat: position.lat,
        lon: position.lon,
        color: hopColor(reception.hops),
        label: String(reception.number),
        title: `${reception.number}. ${name} (${hops})`,
        popup: (
          <div class="packet-popup">
            <strong>
              {reception.number}. {name}
            </strong>
            <br />
            {hops}
            <br />
            {t('packet', 'distance')}: {formatDistance(reception.distanceKm, lang)}
            <br />
            RSSI {formatNumber(reception.seen.rx_rssi, lang)} dBm · SNR{' '}
            {formatNumber(reception.seen.rx_snr, lang)} dB
            <br />
            <Link href={`/node/${reception.seen.node_id}`}>{t('packet', 'open_node')}</Link>
          </div>
        ),
      });
      if (source) {
        lines.push({
          points: [
            [source.position.lat, source.position.lon],
            [position.lat, position.lon],
          ],
          color: hopColor(reception.hops),
          dashed: reception.hops !== 0,
          weight: 2,
        });
      }
    }
    if (source) {
      // First, so it comes first when tabbing through the map.
      markers.unshift({
        lat: source.position.lat,
        lon: source.position.lon,
        color: SOURCE_COLOR,
        radius: 9,
        title: t('packet', 'map_source', { name: source.name }),
        popup: (
          <div class="packet-popup">
            <strong>{t('packet', 'map_source', { name: source.name })}</strong>
            <br />
            <Link href={`/node/${source.num}`}>{t('packet', 'open_node')}</Link>
          </div>
        ),
      });
    }
    return { markers, lines };
  }, [groups, source, t, lang]);

  if (markers.length === 0) {
    return <p class="notice">{t('packet', 'map_nothing')}</p>;
  }
  const unplaced = receptions.length - placed.length;
  return (
    <div class="packet-map">
      <MiniMap
        site={props.site}
        markers={markers}
        lines={lines}
        height="360px"
        ariaLabel={t('packet', 'map_label', { id: props.packetId, count: placed.length })}
      />
      <div class="map-legend">
        <span class="legend-title">{t('packet', 'legend_hops')}</span>
        <ul aria-label={t('packet', 'legend_hops')}>
          <li>
            <span class="swatch swatch-source" style={{ background: SOURCE_COLOR }} />
            {t('packet', 'legend_source')}
          </li>
          {HOP_COLORS.map((color, hops) => (
            <li key={color}>
              <span class="swatch" style={{ background: color }} />
              {hops === HOP_COLORS.length - 1 ? `${hops}+` : hops}
            </li>
          ))}
          <li>
            <span class="swatch" style={{ background: UNKNOWN_HOPS_COLOR }} />
            {t('packet', 'legend_unknown')}
          </li>
        </ul>
      </div>
      {unplaced > 0 && <p class="muted">{plural(t, 'map_unplaced', unplaced)}</p>}
      {!source && <p class="muted">{t('packet', 'map_no_source')}</p>}
    </div>
  );
}
