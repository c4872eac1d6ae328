import type { Node, PacketSeen } from '@meshview/api';
import { degrees, distanceKm, hasPosition } from '../../lib/format.js';
import { hopsOf } from './hops.js';

/** A position in degrees. */
export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

/** One gateway's report of the packet, with what the page shows about it. */
export interface Reception {
  /** 1, 2, …: the gateway's number on the map and in the table. */
  readonly number: number;
  readonly seen: PacketSeen;
  readonly longName: string | null;
  readonly shortName: string | null;
  readonly hops: number | null;
  readonly position: LatLon | null;
  /** From the source to the gateway, when both positions are known. */
  readonly distanceKm: number | null;
}

/** The receptions that travelled the same number of hops (`null`: not known). */
export interface HopGroup {
  readonly hops: number | null;
  readonly receptions: readonly Reception[];
}

/** The position of integer coordinates (degrees × 1e7), or `null` for none or 0,0. */
export function latLonOf(
  lat: number | null | undefined,
  lon: number | null | undefined,
): LatLon | null {
  return hasPosition(lat, lon) ? { lat: degrees(lat)!, lon: degrees(lon)! } : null;
}

/**
 * Groups the gateways' reports by hops (fewest first, unknown last), each group by SNR (best
 * first), and numbers them in that order. A gateway's names and position come from the report
 * when the API gave them, else from `nodes` (looked up by the page).
 */
export function groupReceptions(
  seen: readonly PacketSeen[],
  props: { readonly source: LatLon | null; readonly nodes: ReadonlyMap<number, Node | null> },
): HopGroup[] {
  const rows = seen.map((report) => {
    const node = props.nodes.get(report.node_id) ?? null;
    const position =
      report.last_lat !== undefined
        ? latLonOf(report.last_lat, report.last_long)
        : latLonOf(node?.last_lat, node?.last_long);
    return {
      seen: report,
      longName: report.long_name !== undefined ? report.long_name : (node?.long_name ?? null),
      shortName: report.short_name !== undefined ? report.short_name : (node?.short_name ?? null),
      hops: hopsOf(report),
      position,
      distanceKm:
        props.source && position
          ? distanceKm(props.source.lat, props.source.lon, position.lat, position.lon)
          : null,
    };
  });
  rows.sort(
    (a, b) =>
      (a.hops ?? Infinity) - (b.hops ?? Infinity) ||
      (b.seen.rx_snr ?? -Infinity) - (a.seen.rx_snr ?? -Infinity) ||
      a.seen.node_id - b.seen.node_id,
  );
  const groups: { hops: number | null; receptions: Reception[] }[] = [];
  rows.forEach((row, i) => {
    const reception: Reception = { ...row, number: i + 1 };
    const last = groups.at(-1);
    if (last && last.hops === row.hops) last.receptions.push(reception);
    else groups.push({ hops: row.hops, receptions: [reception] });
  });
  return groups;
}
