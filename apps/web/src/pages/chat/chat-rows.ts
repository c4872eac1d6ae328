import type { Packet } from '@meshview/api';
import { PortNum } from '@meshview/mesh/facts';
import { BROADCAST_NUM } from '../../lib/format.js';

/** How many messages a page of the chat asks for (MeshView's first load). */
export const CHAT_PAGE = 100;

/** `seq <n>` texts, which `portnum=1` leaves out (as MeshView does); the live feed must too. */
const SEQ_MESSAGE = /^seq \d+$/;

/**
 * Whether `packet` belongs in the chat: a text message to everyone (a direct message's text is
 * hidden, so the chat leaves direct messages out), not a `seq N` text, on `channel` when one is
 * chosen (`null`: every channel).
 */
export function isChatMessage(packet: Packet, channel: string | null): boolean {
  return (
    packet.portnum === PortNum.TEXT_MESSAGE_APP &&
    packet.to_node_id === BROADCAST_NUM &&
    packet.import_time_us !== null &&
    !SEQ_MESSAGE.test(packet.payload) &&
    (channel === null || packet.channel === channel)
  );
}

/** A message's identity in the list: its packet id and import time (in case ids repeat). */
export function messageKey(packet: Packet): string {
  return `${packet.id}:${packet.import_time_us}`;
}

/** `rows` oldest first (the order the chat shows), stable for ties. */
function oldestFirst(rows: readonly Packet[]): Packet[] {
  return [...rows].sort((a, b) => (a.import_time_us ?? 0) - (b.import_time_us ?? 0));
}

/**
 * The messages shown (oldest first) with `arrived` added: new ones from the live feed, or the
 * first page (newest first, as the API lists them); messages already shown are not repeated.
 * Returns the added ones too, for the page to mark.
 */
export function withNewer(
  shown: readonly Packet[],
  arrived: readonly Packet[],
): { rows: Packet[]; added: Packet[] } {
  const keys = new Set(shown.map(messageKey));
  const added = arrived.filter((p) => {
    const key = messageKey(p);
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  });
  return { rows: added.length === 0 ? [...shown] : oldestFirst([...shown, ...added]), added };
}

/**
 * The messages shown with an older page (`before=<before>`, newest first, as the API lists it)
 * put above them; what is shown already, or not older than `before`, is left out.
 */
export function withOlder(shown: readonly Packet[], page: readonly Packet[], before: number) {
  const keys = new Set(shown.map(messageKey));
  const older = page.filter(
    (p) => !keys.has(messageKey(p)) && p.import_time_us !== null && p.import_time_us < before,
  );
  return { rows: [...oldestFirst(older), ...shown], added: older.length };
}

/** The import time of the oldest message shown: the next `before` cursor. */
export function oldestTimeUs(rows: readonly Packet[]): number | undefined {
  let oldest: number | undefined;
  for (const p of rows) {
    if (p.import_time_us !== null && (oldest === undefined || p.import_time_us < oldest))
      oldest = p.import_time_us;
  }
  return oldest;
}
