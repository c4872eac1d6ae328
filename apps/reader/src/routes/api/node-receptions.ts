import type { DirectReception, GatewayReception } from '@meshview/api';
import type { ReceptionRow } from '../../queries/node-receptions.queries.js';

/**
 * How many hops a reception travelled: `hop_start − hop_limit`, or `null` when either is missing
 * or `hop_start` is 0 (firmware before 2.3 sends no `hop_start`, so 0 there means unknown).
 */
export function hopsOf(row: Pick<ReceptionRow, 'hop_start' | 'hop_limit'>): number | null {
  if (row.hop_start === null || row.hop_limit === null || row.hop_start === 0) return null;
  return Math.max(row.hop_start - row.hop_limit, 0);
}

/** The gateways' tallies and the direct receptions of a node's packets. */
export interface ReceptionSummary {
  /** By receptions, most first (ties: more direct ones, then lower gateway number); names still `null`. */
  readonly gateways: GatewayReception[];
  /** Every direct (0-hop) reception, oldest first. */
  readonly direct: DirectReception[];
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

interface Tally {
  receptions: number;
  direct: number;
  minHops: number | null;
  snrSum: number;
  snrCount: number;
  rssiSum: number;
  rssiCount: number;
  lastSeenUs: number | null;
}

/** Sums receptions per gateway (pure: the route reads the rows, this counts them). */
export function summariseReceptions(rows: readonly ReceptionRow[]): ReceptionSummary {
  const tallies = new Map<number, Tally>();
  const direct: DirectReception[] = [];
  for (const row of rows) {
    const gateway = Number(row.node_id);
    let tally = tallies.get(gateway);
    if (tally === undefined) {
      tally = {
        receptions: 0,
        direct: 0,
        minHops: null,
        snrSum: 0,
        snrCount: 0,
        rssiSum: 0,
        rssiCount: 0,
        lastSeenUs: null,
      };
      tallies.set(gateway, tally);
    }
    tally.receptions += 1;
    const time = row.import_time_us === null ? null : Number(row.import_time_us);
    if (time !== null && (tally.lastSeenUs === null || time > tally.lastSeenUs)) {
      tally.lastSeenUs = time;
    }
    const hops = hopsOf(row);
    if (hops !== null && (tally.minHops === null || hops < tally.minHops)) tally.minHops = hops;
    if (hops !== 0) continue;
    tally.direct += 1;
    if (row.rx_snr !== null) {
      tally.snrSum += row.rx_snr;
      tally.snrCount += 1;
    }
    if (row.rx_rssi !== null) {
      tally.rssiSum += row.rx_rssi;
      tally.rssiCount += 1;
    }
    if (time !== null) {
      direct.push({
        gateway_node_id: gateway,
        packet_id: Number(row.packet_id),
        import_time_us: time,
        rx_snr: row.rx_snr,
        rx_rssi: row.rx_rssi,
      });
    }
  }
  const gateways = [...tallies]
    .map(([gateway, t]): GatewayReception => ({
      gateway_node_id: gateway,
      long_name: null,
      short_name: null,
      receptions: t.receptions,
      direct: t.direct,
      min_hops: t.minHops,
      avg_snr: t.snrCount > 0 ? round2(t.snrSum / t.snrCount) : null,
      avg_rssi: t.rssiCount > 0 ? round2(t.rssiSum / t.rssiCount) : null,
      last_seen_us: t.lastSeenUs,
    }))
    .sort(
      (a, b) =>
        b.receptions - a.receptions || b.direct - a.direct || a.gateway_node_id - b.gateway_node_id,
    );
  direct.sort(
    (a, b) =>
      a.import_time_us - b.import_time_us ||
      a.gateway_node_id - b.gateway_node_id ||
      a.packet_id - b.packet_id,
  );
  return { gateways, direct };
}
