import { hashUnit } from './hash-unit.js';
import type { SimDeviceMetrics, SimEnvironmentMetrics } from './mesh-record.js';
import type { PlannedNode } from './planned-node.js';

const HOUR_US = 3_600_000_000;
const DAY_US = 24 * HOUR_US;

const round = (value: number, places: number): number => {
  const f = 10 ** places;
  return Math.round(value * f) / f;
};

/** 0 at local midnight, 1 at noon (Pacific time, UTC−8), smoothly. */
function daylight(timeUs: number): number {
  const hours = (((timeUs / HOUR_US - 8) % 24) + 24) % 24;
  return (1 - Math.cos((2 * Math.PI * hours) / 24)) / 2;
}

/**
 * A node's device metrics at `timeUs`: mains-powered nodes report 101 % (powered), solar ones
 * charge by day and drain by night, battery ones drain over two or three days and are
 * recharged; channel use is busier in the evening; uptime counts from reboots every few days.
 */
export function deviceMetricsAt(seed: number, node: PlannedNode, timeUs: number): SimDeviceMetrics {
  const jitter = (salt: number): number =>
    hashUnit(seed, node.num, salt, Math.floor(timeUs / 60_000_000));
  let batteryLevel: number;
  if (node.power === 'mains') batteryLevel = 101;
  else if (node.power === 'solar')
    batteryLevel = Math.round(55 + 40 * daylight(timeUs - 3 * HOUR_US));
  else {
    const cycle = (2 + hashUnit(seed, node.num, 1)) * DAY_US;
    const phase = ((timeUs + hashUnit(seed, node.num, 2) * cycle) % cycle) / cycle;
    batteryLevel = Math.max(5, Math.round(100 - 90 * phase));
  }
  const voltage =
    batteryLevel > 100 ? 4.2 + round(jitter(3) * 0.8, 2) : 3.3 + (batteryLevel / 100) * 0.9;
  const evening = daylight(timeUs - 6 * HOUR_US);
  const reboot = (3 + 6 * hashUnit(seed, node.num, 4)) * DAY_US;
  const uptime = ((timeUs + hashUnit(seed, node.num, 5) * reboot) % reboot) / 1e6;
  return {
    batteryLevel,
    voltage: round(voltage, 2),
    channelUtilization: round(6 + 14 * evening + 6 * jitter(6), 2),
    airUtilTx: round(0.2 + (node.role === 'ROUTER' ? 2.5 : 1) * jitter(7), 2),
    uptimeSeconds: Math.floor(uptime),
  };
}

/** The weather where a node stands: mild days, cool nights, humidity the other way round. */
export function environmentMetricsAt(
  seed: number,
  node: PlannedNode,
  timeUs: number,
): SimEnvironmentMetrics {
  const day = daylight(timeUs - 3 * HOUR_US);
  const noise = (salt: number): number =>
    hashUnit(seed, node.num, salt, Math.floor(timeUs / 60_000_000)) - 0.5;
  const lapse = node.altitude * 0.0065;
  return {
    temperature: round(9 + 10 * day - lapse + noise(8), 1),
    relativeHumidity: round(85 - 35 * day + 4 * noise(9), 1),
    barometricPressure: round(
      1013 - node.altitude * 0.12 + 4 * Math.sin((2 * Math.PI * timeUs) / (3 * DAY_US)) + noise(10),
      1,
    ),
  };
}
