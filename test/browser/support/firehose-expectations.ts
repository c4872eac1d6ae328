/**
 * What the firehose must show, computed from the generator's record alone (never from the API):
 * the newest stored packets, each row's id, sender, destination, channel and port, filtered by
 * channel and port as the page's `/api/packets` request filters them (docs/API.md). Small pure
 * functions for firehose.browser.test.ts.
 */
import { PORT, type MeshRecord, type SimPacket } from '@meshview/sim';
import { importUs, shownPort } from './node-page-expectations.js';
import { BROADCAST, isKind, shownName, type PacketOf } from './packet-page-expectations.js';

/** How many packets the page asks for first (MeshView's `limit=100`). */
export const FIRST_PAGE = 100;

/** `to` of a packet a node sent straight to MQTT. */
const DIRECT_TO_MQTT = 1;

/** Each port's name, from the generator's own table of the ports it sends on. */
const PORT_NAMES = new Map(Object.entries(PORT).map(([name, num]) => [num, name]));

/** The words the page uses for rows that have no node or port name (its translations). */
export interface RowWords {
  readonly toAll: string;
  readonly toMqtt: string;
  readonly encrypted: string;
}

/** A row as the page must show it. */
export interface FirehoseRow {
  readonly id: number;
  /** When the writer stored it: its first reception's import time (µs). */
  readonly importUs: number;
  readonly from: string;
  readonly to: string;
  readonly channel: string;
  readonly port: string;
}

/** The filters of the page's query. */
export interface RowFilter {
  readonly channel?: string;
  readonly port?: number;
}

/** The `seq N` texts `/api/packets?portnum=1` leaves out. */
const isSeqText = (packet: SimPacket): boolean =>
  packet.decodable && isKind(packet, 'text') && /^seq \d+$/.test(packet.content.text);

/** The packets the database holds (some gateway heard them), newest stored first. */
export function storedNewestFirst(record: MeshRecord): SimPacket[] {
  return record.packets
    .filter((p) => p.receptions.length > 0)
    .sort((a, b) => importUs(b) - importUs(a));
}

/** Whether `packet` passes `filter` as the API's `channel` and `portnum` parameters pass it. */
export function passes(packet: SimPacket, filter: RowFilter): boolean {
  if (filter.channel !== undefined && packet.channel !== filter.channel) return false;
  if (filter.port === undefined) return true;
  return (
    shownPort(packet) === filter.port &&
    !(filter.port === PORT.TEXT_MESSAGE_APP && isSeqText(packet))
  );
}

/** The page's first rows for `filter`: the newest `limit` stored packets that pass it. */
export function firstRows(
  record: MeshRecord,
  filter: RowFilter,
  words: RowWords,
  limit = FIRST_PAGE,
): FirehoseRow[] {
  return storedNewestFirst(record)
    .filter((p) => passes(p, filter))
    .slice(0, limit)
    .map((p) => rowOf(record, p, words));
}

/** How the page shows one packet. */
export function rowOf(record: MeshRecord, packet: SimPacket, words: RowWords): FirehoseRow {
  const to =
    packet.to === BROADCAST
      ? words.toAll
      : packet.to === DIRECT_TO_MQTT
        ? words.toMqtt
        : shownName(record, packet.to);
  const port = shownPort(packet);
  return {
    id: packet.id,
    importUs: importUs(packet),
    from: shownName(record, packet.from),
    to,
    channel: packet.channel,
    port: port === 0 ? words.encrypted : (PORT_NAMES.get(port) ?? String(port)),
  };
}

/** The channels the first 100 rows show, most rows first. */
export function channelsByUse(record: MeshRecord): string[] {
  const counts = new Map<string, number>();
  for (const p of storedNewestFirst(record).slice(0, FIRST_PAGE))
    counts.set(p.channel, (counts.get(p.channel) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([channel]) => channel);
}

/**
 * A channel of the first rows that is not the most used one (so that filtering by it changes
 * the rows), and a port the first rows show on it, decodable.
 */
export function filterChoice(record: MeshRecord): { channel: string; port: number } {
  const [, channel] = channelsByUse(record);
  const packets = storedNewestFirst(record).slice(0, FIRST_PAGE);
  const onIt = packets.filter((p) => p.channel === (channel ?? '') && p.decodable);
  const port = onIt[0] && shownPort(onIt[0]);
  if (channel === undefined || port === undefined)
    throw new Error('the newest packets are all on one channel, or none of the other is readable');
  return { channel, port };
}

/** The newest stored, readable position report with coordinates, among the first rows. */
export function newestPosition(record: MeshRecord): PacketOf<'position'> {
  const found = storedNewestFirst(record)
    .slice(0, FIRST_PAGE)
    .find(
      (p): p is PacketOf<'position'> =>
        p.decodable && isKind(p, 'position') && p.content.latitudeI !== 0,
    );
  if (!found) throw new Error('the newest packets hold no readable position');
  return found;
}

/** The newest stored, readable traceroute (the first row of `?port=70`). */
export function newestTraceroute(record: MeshRecord): PacketOf<'traceroute'> {
  const found = storedNewestFirst(record).find(
    (p): p is PacketOf<'traceroute'> => p.decodable && isKind(p, 'traceroute'),
  );
  if (!found) throw new Error('the record holds no readable traceroute');
  return found;
}

/** The newest stored, readable broadcast text (among the first rows of `?port=1`). */
export function newestText(record: MeshRecord): PacketOf<'text'> {
  const found = storedNewestFirst(record).find(
    (p): p is PacketOf<'text'> => p.decodable && isKind(p, 'text') && p.to === BROADCAST,
  );
  if (!found) throw new Error('the record holds no readable broadcast text');
  return found;
}

/** Where the map link of a position points: degrees with 5 decimals, zoom 15. */
export function mapLinkOf(packet: PacketOf<'position'>): {
  lat: number;
  lng: number;
  zoom: number;
} {
  const round = (i: number) => Math.round(i / 100) / 1e5;
  return { lat: round(packet.content.latitudeI), lng: round(packet.content.longitudeI), zoom: 15 };
}
