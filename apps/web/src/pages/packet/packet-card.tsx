import type { Packet } from '@meshview/api';
import { portName } from '@meshview/mesh/facts';
import { BROADCAST_NUM, formatTimeUs, relativeTimeUs } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import { FieldList } from './field-list.js';
import { NodeRef } from './node-ref.js';

/** `to` of a packet a node sent straight to MQTT (firmware's "no destination" for uplinks). */
const DIRECT_TO_MQTT = 1;

/** The packet's facts: id, time, sender, destination, channel and port. */
export function PacketCard(props: { packet: Packet }) {
  const { t, lang } = useI18n();
  const { packet } = props;
  const to = packet.to_node_id;
  return (
    <FieldList
      fields={[
        {
          label: t('packet', 'id'),
          value: (
            <>
              {packet.id} <span class="muted">({`0x${(packet.id >>> 0).toString(16)}`})</span>
            </>
          ),
        },
        {
          label: t('packet', 'time'),
          value: (
            <>
              {formatTimeUs(packet.import_time_us, lang)}{' '}
              <span class="muted">({relativeTimeUs(packet.import_time_us, lang)})</span>
            </>
          ),
        },
        {
          label: t('packet', 'from'),
          value:
            packet.from_node_id === null ? (
              '—'
            ) : (
              <NodeRef num={packet.from_node_id} name={packet.long_name} />
            ),
        },
        {
          label: t('packet', 'to'),
          value:
            to === null ? (
              '—'
            ) : to === BROADCAST_NUM ? (
              t('packet', 'to_all')
            ) : to === DIRECT_TO_MQTT ? (
              t('packet', 'to_mqtt')
            ) : (
              <NodeRef num={to} name={packet.to_long_name} />
            ),
        },
        { label: t('packet', 'channel'), value: packet.channel ?? '—' },
        {
          label: t('packet', 'port'),
          value:
            !packet.portnum && packet.decoded === null
              ? t('packet', 'port_encrypted')
              : packet.portnum === null
                ? '—'
                : `${portName(packet.portnum)} (${packet.portnum})`,
        },
      ]}
    />
  );
}
