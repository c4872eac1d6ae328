import type { DirectReception } from '@meshview/api';
import type { ChartSeries } from '../../components/chart/chart-types.js';

/**
 * The SNR and RSSI of a node's direct (0-hop) receptions, one series per gateway (in the order
 * given by `gateways`, then any other), oldest first, times in milliseconds.
 */
export function directSeries(
  direct: readonly DirectReception[],
  gatewayName: (gatewayNodeId: number) => string,
): { snr: ChartSeries[]; rssi: ChartSeries[] } {
  const byGateway = new Map<number, DirectReception[]>();
  for (const reception of [...direct].sort((a, b) => a.import_time_us - b.import_time_us)) {
    const list = byGateway.get(reception.gateway_node_id) ?? [];
    list.push(reception);
    byGateway.set(reception.gateway_node_id, list);
  }
  const series = (pick: (r: DirectReception) => number | null): ChartSeries[] =>
    [...byGateway].map(([gateway, receptions]) => ({
      name: gatewayName(gateway),
      type: 'scatter',
      points: receptions
        .filter((r) => pick(r) !== null)
        .map((r) => [r.import_time_us / 1000, pick(r)] as const),
    }));
  return { snr: series((r) => r.rx_snr), rssi: series((r) => r.rx_rssi) };
}
