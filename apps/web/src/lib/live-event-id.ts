import type { Packet } from '@meshview/api';

/**
 * A packet's id in the reader's event stream (`/api/stream/packets`): `<import_time_us>:<id>`;
 * `null` for a packet without an import time (the stream never sends one).
 */
export function liveEventIdOf(packet: Pick<Packet, 'id' | 'import_time_us'>): string | null {
  return packet.import_time_us === null ? null : `${packet.import_time_us}:${packet.id}`;
}

/** The import time (µs) an event id names, or `null` when the text is no event id. */
export function importTimeOfEventId(eventId: string | null): number | null {
  const match = eventId === null ? null : /^(\d{1,17}):\d{1,10}$/.exec(eventId);
  return match ? Number(match[1]) : null;
}
