import type { Packet } from '@meshview/api';
import { PortNum, portName } from '@meshview/mesh/facts';
import { useI18n } from '../../lib/i18n.js';

/** The badge colours (firehose.css `.port-badge[data-tone]`), one per kind of traffic. */
const TONES: Readonly<Partial<Record<number, string>>> = {
  [PortNum.TEXT_MESSAGE_APP]: 'text',
  [PortNum.POSITION_APP]: 'position',
  [PortNum.NODEINFO_APP]: 'nodeinfo',
  [PortNum.ROUTING_APP]: 'routing',
  [PortNum.TELEMETRY_APP]: 'telemetry',
  [PortNum.TRACEROUTE_APP]: 'traceroute',
  [PortNum.NEIGHBORINFO_APP]: 'neighbor',
  [PortNum.MAP_REPORT_APP]: 'mapreport',
};

/** Whether no key opened the packet: the API shows port 0 and nothing decoded. */
export function isEncrypted(packet: Packet): boolean {
  return !packet.portnum && packet.decoded === null;
}

/** A packet's port as a coloured badge: its name (`POSITION_APP`), or "encrypted". */
export function PortBadge(props: { packet: Packet }) {
  const { t } = useI18n();
  const { packet } = props;
  if (isEncrypted(packet)) {
    return (
      <span class="port-badge" data-tone="encrypted">
        {t('firehose', 'encrypted')}
      </span>
    );
  }
  const port = packet.portnum;
  return (
    <span class="port-badge" data-tone={(port !== null && TONES[port]) || 'other'}>
      {port === null ? '—' : portName(port)}
    </span>
  );
}
