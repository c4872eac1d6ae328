import type { Packet } from '@meshview/api';
import { PortNum } from '@meshview/mesh/facts';
import { formatNumber } from '../../lib/format.js';
import { arrayField, asRecord, numberField, stringField } from './decoded.js';

/** The translation function (`useI18n().t`). */
type Translate = (section: string, key: string, values?: Record<string, string | number>) => string;

/** Longest summary before it is cut with an ellipsis. */
const MAX_LENGTH = 80;

/**
 * A one-line description of a packet's content from its structured `decoded` field (never from
 * the text `payload`): a message's text, a position, a telemetry reading, and so on.
 */
export function packetSummary(packet: Packet, t: Translate, lang: string): string {
  return cut(summary(packet, t, lang));
}

function summary(packet: Packet, t: Translate, lang: string): string {
  if (packet.decoded === null || packet.decoded === undefined) {
    return packet.payload === '<redacted>'
      ? t('node', 'summary_redacted')
      : t('node', 'summary_not_decoded');
  }
  if (typeof packet.decoded === 'string') return packet.decoded;
  const decoded = asRecord(packet.decoded);
  const num = (value: number | undefined, digits = 2) => formatNumber(value, lang, digits);
  switch (packet.portnum) {
    case PortNum.POSITION_APP: {
      const lat = numberField(decoded, 'latitudeI');
      const lon = numberField(decoded, 'longitudeI');
      if (lat === undefined || lon === undefined) return t('node', 'summary_no_position');
      const altitude = numberField(decoded, 'altitude');
      const place = `${num(lat / 1e7, 5)}, ${num(lon / 1e7, 5)}`;
      return altitude === undefined ? place : `${place} · ${num(altitude, 0)} m`;
    }
    case PortNum.NODEINFO_APP:
    case PortNum.MAP_REPORT_APP: {
      const long = stringField(decoded, 'longName') ?? '';
      const short = stringField(decoded, 'shortName');
      const extra = stringField(decoded, 'hwModel') ?? stringField(decoded, 'firmwareVersion');
      return [short ? `${long} (${short})` : long, extra].filter(Boolean).join(' · ');
    }
    case PortNum.TELEMETRY_APP:
      return telemetrySummary(decoded, t, num);
    case PortNum.TRACEROUTE_APP: {
      const hops = arrayField(decoded, 'route').length;
      const back = arrayField(decoded, 'routeBack').length;
      return t('node', 'summary_traceroute', { hops, back });
    }
    case PortNum.NEIGHBORINFO_APP:
      return t('node', 'summary_neighbors', { count: arrayField(decoded, 'neighbors').length });
    case PortNum.ROUTING_APP:
      return stringField(decoded, 'errorReason') ?? Object.keys(decoded ?? {}).join(', ');
    default:
      return Object.keys(decoded ?? {}).join(', ');
  }
}

function telemetrySummary(
  decoded: Record<string, unknown> | undefined,
  t: Translate,
  num: (value: number | undefined, digits?: number) => string,
): string {
  const device = asRecord(decoded?.deviceMetrics);
  const environment = asRecord(decoded?.environmentMetrics);
  const parts: string[] = [];
  const add = (value: number | undefined, key: string, digits = 2) => {
    if (value !== undefined) parts.push(t('node', key, { value: num(value, digits) }));
  };
  add(numberField(device, 'batteryLevel'), 'summary_battery', 0);
  add(numberField(device, 'voltage'), 'summary_voltage');
  add(numberField(device, 'channelUtilization'), 'summary_channel_util', 1);
  add(numberField(device, 'airUtilTx'), 'summary_air_util', 1);
  add(numberField(environment, 'temperature'), 'summary_temperature', 1);
  add(numberField(environment, 'relativeHumidity'), 'summary_humidity', 0);
  add(numberField(environment, 'barometricPressure'), 'summary_pressure', 1);
  if (parts.length > 0) return parts.join(', ');
  return Object.keys(decoded ?? {})
    .filter((key) => key !== 'time')
    .join(', ');
}

function cut(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_LENGTH ? `${line.slice(0, MAX_LENGTH - 1)}…` : line;
}
