import { useState } from 'preact/hooks';
import type { Packet } from '@meshview/api';
import { Link } from '../../components/link.js';
import { BROADCAST_NUM, formatTimeUs, hexId } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import { DecodedContent } from '../packet/decoded/decoded-content.js';
import { positionHref, tracerouteHref } from './packet-links.js';
import { PortBadge } from './port-badge.js';

/** How many columns a row has (the expanded content spans them all). */
export const COLUMNS = 6;

/** `to` of a packet a node sent straight to MQTT (firmware's "no destination" for uplinks). */
const DIRECT_TO_MQTT = 1;

/**
 * One packet: time, id (a button that shows the decoded packet below the row), sender,
 * destination, channel and port; a position links to the map, a traceroute to its page.
 */
export function FirehoseRow(props: { packet: Packet }) {
  const { t, lang } = useI18n();
  const { packet } = props;
  const [open, setOpen] = useState(false);
  const detailId = `firehose-packet-${packet.id}`;
  const label = (key: string) => <span class="cell-label">{t('firehose', key)}</span>;
  return (
    <>
      <tr data-packet-id={packet.id} class={open ? 'firehose-row open' : 'firehose-row'}>
        <td class="firehose-time">
          {label('time')}
          {formatTimeUs(packet.import_time_us, lang)}
        </td>
        <td class="firehose-id">
          {label('id')}
          <button
            type="button"
            class="firehose-expand"
            aria-expanded={open}
            aria-controls={open ? detailId : undefined}
            aria-label={t('firehose', open ? 'hide_packet' : 'show_packet', { id: packet.id })}
            onClick={() => setOpen(!open)}
          >
            <span aria-hidden="true" class="firehose-caret">
              {open ? '▾' : '▸'}
            </span>
            {packet.id}
          </button>
        </td>
        <td class="firehose-from">
          {label('from')}
          <Party num={packet.from_node_id} name={packet.long_name} />
        </td>
        <td class="firehose-to">
          {label('to')}
          <Party num={packet.to_node_id} name={packet.to_long_name} />
        </td>
        <td class="firehose-channel">
          {label('channel')}
          {packet.channel ?? '—'}
        </td>
        <td class="firehose-port">
          {label('port')}
          <PortBadge packet={packet} />
          <PacketLinks packet={packet} />
        </td>
      </tr>
      {open && (
        <tr class="firehose-detail">
          <td colSpan={COLUMNS} id={detailId}>
            <DecodedContent packet={packet} />
            <p class="firehose-detail-links">
              <Link href={`/packet/${packet.id}`}>
                {t('firehose', 'packet_page', { id: packet.id })}
              </Link>
            </p>
          </td>
        </tr>
      )}
    </>
  );
}

/** A sender or destination: a link to the node's page by name (`!hex` without one), or a word. */
function Party(props: { num: number | null; name: string | null }) {
  const { t } = useI18n();
  const { num } = props;
  if (num === null) return <>—</>;
  if (num === BROADCAST_NUM) return <>{t('firehose', 'to_all')}</>;
  if (num === DIRECT_TO_MQTT) return <>{t('firehose', 'to_mqtt')}</>;
  const name = props.name?.trim() ? props.name : hexId(num);
  return <Link href={`/node/${num}`}>{name}</Link>;
}

/** A position's place on the map, a traceroute's page. */
function PacketLinks(props: { packet: Packet }) {
  const { t } = useI18n();
  const { packet } = props;
  const map = positionHref(packet);
  const route = tracerouteHref(packet);
  if (map) {
    return (
      <Link
        href={map}
        class="firehose-link"
        aria-label={t('firehose', 'on_map_label', { id: packet.id })}
      >
        {t('firehose', 'on_map')}
      </Link>
    );
  }
  if (route) {
    return (
      <Link
        href={route}
        class="firehose-link"
        aria-label={t('firehose', 'route_label', { id: packet.id })}
      >
        {t('firehose', 'route')}
      </Link>
    );
  }
  return null;
}
