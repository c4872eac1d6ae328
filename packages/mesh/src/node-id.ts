import { BROADCAST_NODE } from './broadcast-node.js';

const NODE_ID = /^![0-9a-f]{1,8}$/i;

/** A node number as Meshtastic writes it: `!` and 8 lowercase hex digits (`!a1b2c3d4`). */
export function formatNodeId(nodeNumber: number): string {
  return `!${(nodeNumber >>> 0).toString(16).padStart(8, '0')}`;
}

/** The node number in `!hex` (1–8 hex digits, any case), or null when the text is not one. */
export function parseNodeId(text: string): number | null {
  return NODE_ID.test(text) ? Number.parseInt(text.slice(1), 16) : null;
}

/** Whether a number can name a node: 0 is nobody and {@link BROADCAST_NODE} is everybody. */
export function isNodeNumber(value: number): boolean {
  return Number.isInteger(value) && value > 0 && value < BROADCAST_NODE;
}
