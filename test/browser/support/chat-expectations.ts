/**
 * What the chat and net pages must show, computed from the generator's record of what it sent
 * (never from the API): the text messages to everyone that the writer could read, in the order
 * the writer stored them, pages of them, the channels, and the weekly net's first check-ins.
 */
import { BROADCAST, type MeshRecord, type SimPacket } from '@meshview/sim';
import { importUs } from './node-page-expectations.js';

/** A text message of the record. */
export type TextPacket = SimPacket & {
  readonly content: { readonly kind: 'text'; readonly text: string };
};

/** How many messages a page of the chat holds. */
export const CHAT_PAGE = 100;

const isText = (p: SimPacket): p is TextPacket => p.content.kind === 'text';

/**
 * The messages the chat can show (texts to everyone that the writer decrypted, on `channel`
 * when given), newest first, as `/api/packets` pages them.
 */
export function chatMessages(record: MeshRecord, channel?: string): TextPacket[] {
  return record.packets
    .filter(isText)
    .filter(
      (p) =>
        p.decodable &&
        p.to === BROADCAST &&
        p.receptions.length > 0 &&
        (channel === undefined || p.channel === channel),
    )
    .sort((a, b) => importUs(b) - importUs(a));
}

/** The direct messages the writer stored (the chat leaves them out). */
export function directMessages(record: MeshRecord): TextPacket[] {
  return record.packets.filter(isText).filter((p) => p.to !== BROADCAST && p.receptions.length > 0);
}

/**
 * The first `pages` pages of the chat (newest first in the record, so reversed here): the
 * messages the page shows after loading `pages - 1` older pages, oldest at the top.
 */
export function shownAfterPages(record: MeshRecord, pages: number, channel?: string): TextPacket[] {
  return chatMessages(record, channel)
    .slice(0, pages * CHAT_PAGE)
    .reverse();
}

/**
 * The channels `/api/channels?period_type=day&length=7` names: those of every packet stored in
 * the last week (the record covers two days), sorted by code point.
 */
export function chatChannels(record: MeshRecord): string[] {
  const names = new Set(
    record.packets.filter((p) => p.receptions.length > 0).map((p) => p.channel),
  );
  return [...names].sort();
}

/** The packet of the record with id `id`, if a gateway heard it. */
export function packetById(record: MeshRecord, id: number): SimPacket | undefined {
  return record.packets.find((p) => p.id === id && p.receptions.length > 0);
}

/**
 * The weekly net's rows: each node's first text to everyone (readable) that contains `tag` (in
 * any case) and was stored after `sinceUs`, in the order they checked in; at most the newest
 * `limit` check-ins are read first, as the page asks.
 */
export function netCheckIns(
  record: MeshRecord,
  tag: string,
  sinceUs: number,
  limit = 1000,
): TextPacket[] {
  const needle = tag.toLowerCase();
  const matching = chatMessages(record)
    .filter((p) => importUs(p) > sinceUs && p.content.text.toLowerCase().includes(needle))
    .slice(0, limit);
  const first = new Map<number, TextPacket>();
  for (const p of matching) {
    const known = first.get(p.from);
    if (known === undefined || importUs(p) < importUs(known)) first.set(p.from, p);
  }
  return [...first.values()].sort((a, b) => importUs(a) - importUs(b));
}
