import type { Node } from '@meshview/api';
import { degrees, hasPosition } from '../../lib/format.js';
import { precisionCell, type PrecisionCell } from './precision-cell.js';

/** A node the map can draw: it has a number and a position. */
export interface MapNode {
  readonly nodeId: number;
  /** Degrees. */
  readonly lat: number;
  readonly lon: number;
  /** `''` when unknown. */
  readonly channel: string;
  readonly role: string | null;
  readonly gateway: boolean;
  /** `precision_bits` of its position, `null` when exact or not reported. */
  readonly precisionBits: number | null;
  /** The area its position stands for, when its precision is reduced. */
  readonly cell: PrecisionCell | null;
  readonly node: Node;
}

/**
 * The nodes of `/api/nodes` that have a position, as the map draws them; a position with fewer
 * than 32 `precision_bits` gets the cell it stands for.
 */
export function mapNodes(nodes: readonly Node[]): MapNode[] {
  const placed: MapNode[] = [];
  for (const node of nodes) {
    if (node.node_id === null || !hasPosition(node.last_lat, node.last_long)) continue;
    const bits = node.precision_bits;
    const cell = precisionCell(node.last_lat!, node.last_long!, bits);
    placed.push({
      nodeId: node.node_id,
      lat: degrees(node.last_lat)!,
      lon: degrees(node.last_long)!,
      channel: node.channel ?? '',
      role: node.role,
      gateway: node.is_mqtt_gateway === true,
      precisionBits: cell === null ? null : bits,
      cell,
      node,
    });
  }
  return placed;
}
