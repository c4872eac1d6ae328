import type { Node } from '@meshview/api';
import { precisionCellDegrees } from '@meshview/mesh/facts';
import type { HeatPoint } from '../../components/heat-layer/heat-layer.js';
import { degrees, hasPosition } from '../../lib/format.js';

/** What the heat map draws of the nodes, and how many it leaves out. */
export interface HeatPoints {
  readonly points: readonly HeatPoint[];
  /** Of them, approximate positions (fewer than 32 precision bits), spread over their cell. */
  readonly approximate: number;
  /** Nodes without a known position. */
  readonly unplaced: number;
}

/**
 * The nodes' last positions as heat points: one per node with a position, an approximate one
 * (`precision_bits` below 32) with the cell it stands for; nodes without one are counted.
 */
export function heatPoints(nodes: readonly Node[]): HeatPoints {
  const points: HeatPoint[] = [];
  let approximate = 0;
  for (const node of nodes) {
    if (!hasPosition(node.last_lat, node.last_long)) continue;
    const cellDegrees =
      node.precision_bits === null ? 0 : precisionCellDegrees(node.precision_bits);
    if (cellDegrees > 0) approximate += 1;
    points.push({ lat: degrees(node.last_lat)!, lon: degrees(node.last_long)!, cellDegrees });
  }
  return { points, approximate, unplaced: nodes.length - points.length };
}
