import type { Packet } from '@meshview/api';
import type { ChartPoint } from '../../components/chart/chart-types.js';
import { asRecord, numberField } from './decoded.js';

/** The measures a node's TELEMETRY packets carry, each as points over time (oldest first). */
export interface TelemetrySeries {
  readonly battery: ChartPoint[];
  readonly voltage: ChartPoint[];
  readonly channelUtilization: ChartPoint[];
  readonly airUtilTx: ChartPoint[];
  readonly temperature: ChartPoint[];
  readonly humidity: ChartPoint[];
  readonly pressure: ChartPoint[];
}

/** The fields read: `[series, message, field]` of the protobuf JSON (Telemetry in telemetry.proto). */
const FIELDS = [
  ['battery', 'deviceMetrics', 'batteryLevel'],
  ['voltage', 'deviceMetrics', 'voltage'],
  ['channelUtilization', 'deviceMetrics', 'channelUtilization'],
  ['airUtilTx', 'deviceMetrics', 'airUtilTx'],
  ['temperature', 'environmentMetrics', 'temperature'],
  ['humidity', 'environmentMetrics', 'relativeHumidity'],
  ['pressure', 'environmentMetrics', 'barometricPressure'],
] as const satisfies readonly (readonly [keyof TelemetrySeries, string, string])[];

/**
 * The telemetry series of packets from `/api/packets?portnum=67`, by the packets' import time
 * (milliseconds). A measure the packet does not carry adds no point: the device metrics' fields
 * are `optional` in the protocol, so the JSON leaves out only what was not reported.
 */
export function telemetrySeries(packets: readonly Packet[]): TelemetrySeries {
  const series: TelemetrySeries = {
    battery: [],
    voltage: [],
    channelUtilization: [],
    airUtilTx: [],
    temperature: [],
    humidity: [],
    pressure: [],
  };
  const ordered = packets
    .filter((p) => p.import_time_us !== null)
    .sort((a, b) => a.import_time_us! - b.import_time_us!);
  for (const packet of ordered) {
    const decoded = asRecord(packet.decoded);
    const time = packet.import_time_us! / 1000;
    for (const [name, message, field] of FIELDS) {
      const value = numberField(asRecord(decoded?.[message]), field);
      if (value !== undefined) series[name].push([time, value]);
    }
  }
  return series;
}
