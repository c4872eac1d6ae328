/**
 * What the heat map page must show, from the generator's record alone: the nodes whose last
 * readable position the database holds, and how many of them sent a reduced-precision one.
 */
import type { MeshRecord } from '@meshview/sim';

/** The heat map's expected points for the default period (3 days; the mesh spans 48 hours). */
export interface HeatmapExpectations {
  /** Nodes with a position: one heat point each. */
  readonly placed: number;
  /** Of them, nodes whose last position kept fewer than 32 bits: drawn as areas. */
  readonly approximate: number;
}

/** Counts, from `record`, the nodes that have a readable position and whether it is exact. */
export function heatmapExpectations(record: MeshRecord): HeatmapExpectations {
  const last = new Map<number, number>();
  for (const packet of record.packets) {
    if (!packet.decodable || packet.content.kind !== 'position') continue;
    const { latitudeI, longitudeI, precisionBits } = packet.content;
    // The writer keeps no position at 0 (MeshView's "no fix").
    if (latitudeI === 0 || longitudeI === 0) continue;
    last.set(packet.from, precisionBits);
  }
  const bits = [...last.values()];
  return { placed: bits.length, approximate: bits.filter((b) => b < 32).length };
}
