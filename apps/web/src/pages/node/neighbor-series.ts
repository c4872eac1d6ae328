import type { Packet } from '@meshview/api';
import type { ChartPoint } from '../../components/chart/chart-types.js';
import { arrayField, asRecord, numberField } from './decoded.js';

/** One neighbour's SNR as its reports gave it, oldest first. */
export interface NeighborSnr {
  readonly nodeId: number;
  readonly points: ChartPoint[];
}

/**
 * Each neighbour's SNR over time from a node's NEIGHBORINFO packets (`decoded.neighbors[]`), by
 * the packets' import time (milliseconds); neighbours in order of first report. `snr` is a plain
 * proto3 float, so the JSON leaves it out when it is 0.
 */
export function neighborSnr(packets: readonly Packet[]): NeighborSnr[] {
  const byNode = new Map<number, ChartPoint[]>();
  const ordered = packets
    .filter((p) => p.import_time_us !== null)
    .sort((a, b) => a.import_time_us! - b.import_time_us!);
  for (const packet of ordered) {
    const time = packet.import_time_us! / 1000;
    for (const entry of arrayField(asRecord(packet.decoded), 'neighbors')) {
      const neighbor = asRecord(entry);
      const nodeId = numberField(neighbor, 'nodeId');
      if (nodeId === undefined) continue;
      const points = byNode.get(nodeId) ?? [];
      points.push([time, numberField(neighbor, 'snr') ?? 0]);
      byNode.set(nodeId, points);
    }
  }
  return [...byNode].map(([nodeId, points]) => ({ nodeId, points }));
}
