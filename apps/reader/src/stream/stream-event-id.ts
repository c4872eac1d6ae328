/** Where a packet stands in the event stream: its import time and id, as its event id says. */
export interface StreamEventId {
  readonly importTimeUs: number;
  readonly id: number;
}

const EVENT_ID = /^([0-9]{1,16}):([0-9]{1,16})$/;

/**
 * Reads an event id, `<import_time_us>:<id>` (`Last-Event-ID` or `last_event_id`); `null` when it
 * is not one (each part a decimal integer up to 2^53 − 1).
 *
 * @example
 * parseStreamEventId('1795676400000000:1879048207') // { importTimeUs: 1795676400000000, id: 1879048207 }
 */
export function parseStreamEventId(text: string): StreamEventId | null {
  const match = EVENT_ID.exec(text);
  if (match === null) return null;
  const importTimeUs = Number(match[1]);
  const id = Number(match[2]);
  if (!Number.isSafeInteger(importTimeUs) || !Number.isSafeInteger(id)) return null;
  return { importTimeUs, id };
}

/** The event id of a packet: `<import_time_us>:<id>`. */
export function formatStreamEventId(at: StreamEventId): string {
  return `${at.importTimeUs}:${at.id}`;
}

/** Whether `a` comes after `b` in (import time, id) order. */
export function isAfter(a: StreamEventId, b: StreamEventId): boolean {
  return a.importTimeUs > b.importTimeUs || (a.importTimeUs === b.importTimeUs && a.id > b.id);
}
