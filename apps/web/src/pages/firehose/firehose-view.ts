import type { Packet } from '@meshview/api';
import { PortNum } from '@meshview/mesh/facts';
import { rowLimit } from './row-buffer.js';

/** What the firehose shows, as its query says (`?channel=&port=&rows=`), so a view can be shared. */
export interface FirehoseView {
  /** Only this channel; `null`: every channel. */
  readonly channel: string | null;
  /** Only this port number; `null`: every port. */
  readonly port: number | null;
  /** How many rows the page keeps. */
  readonly rows: number;
}

/** The `seq N` messages `/api/packets?portnum=1` leaves out, as MeshView does. */
const SEQ_MESSAGE = /^seq \d+$/;

/**
 * The view in the page's query: `channel` (any text), `port` (a decimal port number), `rows`
 * (clamped to 50…1000); a missing or malformed value means "all" (or the default row count).
 *
 * @example
 * firehoseView(new URLSearchParams('channel=LongFast&port=3'))
 * // { channel: 'LongFast', port: 3, rows: 400 }
 */
export function firehoseView(query: URLSearchParams): FirehoseView {
  const channel = query.get('channel') ?? '';
  const port = query.get('port') ?? '';
  return {
    channel: channel === '' ? null : channel,
    port: /^\d{1,10}$/.test(port) && Number(port) <= 0x7fff_ffff ? Number(port) : null,
    rows: rowLimit(query.get('rows')),
  };
}

/**
 * Whether a packet that arrived live belongs in the view: the same rules as the page's
 * `/api/packets?channel=&portnum=` request (the channel exactly; with port 1, no `seq N` text).
 */
export function inView(packet: Packet, view: FirehoseView): boolean {
  if (view.channel !== null && packet.channel !== view.channel) return false;
  if (view.port === null) return true;
  if (packet.portnum !== view.port) return false;
  return !(view.port === PortNum.TEXT_MESSAGE_APP && SEQ_MESSAGE.test(packet.payload));
}

/**
 * The choices of a filter list: `known` and `extra` together, each once, sorted (`compare`);
 * `extra` is what the page has seen or the query chose.
 */
export function choices<T>(
  known: Iterable<T>,
  extra: Iterable<T | null>,
  compare: (a: T, b: T) => number,
): T[] {
  const all = new Set<T>(known);
  for (const value of extra) if (value !== null) all.add(value);
  return [...all].sort(compare);
}
