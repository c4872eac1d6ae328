import type { JSX } from 'preact';
import { PortNum } from '@meshview/mesh/facts';
import type { Packet } from '@meshview/api';
import { useI18n } from '../../../lib/i18n.js';
import { JsonView } from './json-view.js';
import { MapReportView } from './map-report-view.js';
import { NeighborInfoView } from './neighbor-info-view.js';
import { NodeInfoView } from './node-info-view.js';
import { PositionView } from './position-view.js';
import { RoutingView } from './routing-view.js';
import { TelemetryView } from './telemetry-view.js';
import { TextView } from './text-view.js';
import { TracerouteView } from './traceroute-view.js';
import type { DecodedViewProps } from './view-props.js';

/** Each decoded port's view; other ports show their JSON. */
const VIEWS: Readonly<Partial<Record<number, (props: DecodedViewProps) => JSX.Element | null>>> = {
  [PortNum.TEXT_MESSAGE_APP]: TextView,
  [PortNum.POSITION_APP]: PositionView,
  [PortNum.NODEINFO_APP]: NodeInfoView,
  [PortNum.ROUTING_APP]: RoutingView,
  [PortNum.TELEMETRY_APP]: TelemetryView,
  [PortNum.TRACEROUTE_APP]: TracerouteView,
  [PortNum.NEIGHBORINFO_APP]: NeighborInfoView,
  [PortNum.MAP_REPORT_APP]: MapReportView,
};

/**
 * The packet's decoded content, by port; when there is none, why: a direct message's text is not
 * shown, a packet no key opened (port 0) cannot be read, another port is not decoded here.
 */
export function DecodedContent(props: { packet: Packet }) {
  const { t } = useI18n();
  const { packet } = props;
  if (packet.payload === '<redacted>') {
    return <p class="notice">{t('packet', 'redacted')}</p>;
  }
  if (packet.decoded === null || packet.decoded === undefined) {
    return <p class="notice">{t('packet', !packet.portnum ? 'not_decrypted' : 'not_decoded')}</p>;
  }
  const View = VIEWS[packet.portnum ?? -1];
  return View ? (
    <View packet={packet} decoded={packet.decoded} />
  ) : (
    <JsonView value={packet.decoded} />
  );
}
