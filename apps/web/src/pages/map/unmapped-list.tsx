import { Link } from '../../components/link.js';
import { useI18n } from '../../lib/i18n.js';
import type { PacketActivity } from './packet-activity.js';

/**
 * The packets just heard from nodes without a position (the map cannot blink them): sender,
 * port and text, newest first, and whether the map is following live packets.
 */
export function UnmappedList(props: {
  unmapped: readonly PacketActivity[];
  live: boolean;
  liveOn: boolean;
  /** Only the live line while nothing is listed (the kiosk keeps its corner small). */
  compact?: boolean;
  class?: string;
}) {
  const { t } = useI18n();
  const status = !props.liveOn
    ? t('map', 'live_off')
    : props.live
      ? t('map', 'live_on')
      : t('map', 'live_paused');
  const quiet = props.compact === true && props.unmapped.length === 0;
  return (
    <aside
      class={`map-unmapped ${props.class ?? ''}`}
      aria-labelledby="map-unmapped-title"
      data-quiet={quiet ? 'true' : undefined}
    >
      <p class="map-live" data-live={props.live ? 'on' : 'off'}>
        <span class="map-live-dot" aria-hidden="true" />
        {status}
      </p>
      <h2 id="map-unmapped-title" class={quiet ? 'visually-hidden' : undefined}>
        {t('map', 'unmapped_title')}
      </h2>
      {props.unmapped.length === 0 ? (
        quiet ? null : (
          <p class="map-unmapped-none">{t('map', 'unmapped_none')}</p>
        )
      ) : (
        <ul class="map-unmapped-list">
          {props.unmapped.map((activity) => (
            <li key={activity.packetId} data-node-id={activity.nodeId}>
              <Link href={`/node/${activity.nodeId}`}>{activity.name}</Link>{' '}
              <span class="map-unmapped-port">{activity.port}</span>
              {activity.text !== null && <span class="map-unmapped-text">{activity.text}</span>}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
