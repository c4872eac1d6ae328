import type { Packet } from '@meshview/api';
import { portName } from '@meshview/mesh/facts';
import { hexId } from '../../lib/format.js';

/** Ports whose text the map shows: TEXT_MESSAGE_APP and TEXT_MESSAGE_COMPRESSED_APP. */
const TEXT_PORTS = new Set([1, 7]);

/** How much of a message the map shows, as MeshView. */
export const ACTIVITY_TEXT_LENGTH = 80;

/** What the map says about a packet that just arrived. */
export interface PacketActivity {
  readonly packetId: number;
  /** The sender. */
  readonly nodeId: number;
  /** Its long name, else its `!hex` id. */
  readonly name: string;
  /** The port's name (`TEXT_MESSAGE_APP`), `UNKNOWN` without one. */
  readonly port: string;
  /** The first 80 characters of a text message (ports 1 and 7), else `null`. */
  readonly text: string | null;
}

/**
 * The activity of a live packet: its sender, named by the packet's `long_name` or
 * `nameOf(nodeId)`, its port and, for a readable text message, its text cut to 80 characters
 * (a direct message's `<redacted>` text is no text). `null` for a packet without a sender.
 */
export function packetActivity(
  packet: Packet,
  nameOf: (nodeId: number) => string | null,
): PacketActivity | null {
  if (packet.from_node_id === null) return null;
  const nodeId = packet.from_node_id;
  const portnum = packet.portnum ?? 0;
  let text: string | null = null;
  if (TEXT_PORTS.has(portnum) && typeof packet.decoded === 'string') {
    const chars = [...packet.decoded];
    text =
      chars.length > ACTIVITY_TEXT_LENGTH
        ? `${chars.slice(0, ACTIVITY_TEXT_LENGTH).join('')}…`
        : packet.decoded;
  }
  return {
    packetId: packet.id,
    nodeId,
    name: packet.long_name?.trim() || nameOf(nodeId) || hexId(nodeId),
    port: packet.portnum === null ? 'UNKNOWN' : portName(packet.portnum),
    text,
  };
}

/** The one-line tooltip of a blinking node: `Name · PORT · text`. */
export function activityLine(activity: PacketActivity): string {
  return [activity.name, activity.port, activity.text].filter((s) => s !== null).join(' · ');
}
