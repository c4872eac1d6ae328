import type { JsonValue } from '@bufbuild/protobuf';
import type { Selectable } from 'kysely';
import type { Database } from '@meshview/db';
import { renderPayload, type RenderedPayload } from './rendered-payload.js';

/** The packet fields a payload's rendering depends on; the payload as any bytes. */
export type PayloadSource = Readonly<
  Pick<Selectable<Database['packet']>, 'id' | 'import_time_us' | 'to_node_id'> & {
    payload: Uint8Array | null;
  }
>;

/**
 * One rendered payload, kept as few objects as can be: its `decoded` data as JSON text, not as
 * the tree of objects it parses to. Tens of thousands of such trees in the old generation made
 * every full garbage collection mark them all: 30–110 ms pauses under the benchmark's random
 * requests, and about 2 KB of heap per entry.
 */
interface Entry {
  readonly importTimeUs: number | null;
  readonly toNodeId: number | null;
  readonly text: string;
  /** `JSON.stringify(decoded)`; null when nothing was decoded. */
  readonly decodedJson: string | null;
  readonly replyId: number | null;
  readonly wantResponse: boolean;
}

/**
 * Rendered payloads by packet id, least recently used dropped first. A stored packet never
 * changes (the writer keeps the first gateway's copy), and every poller asks for the same newest
 * rows, so decoding each packet once keeps `/api/packets` fast. An entry counts only for the same
 * import time and receiver: a packet id deleted by retention and used again is rendered anew.
 */
export class PayloadCache {
  readonly #entries = new Map<number, Entry>();
  readonly #capacity: number;
  #decodes = 0;

  /**
   * `capacity`: entries kept. The default holds the newest packets every poller asks for many
   * times over (a poll reads at most 1,000) and costs about 25 MB of heap: an entry is about
   * 1.2 KB of text.
   */
  constructor(capacity = 20_000) {
    this.#capacity = capacity;
  }

  /**
   * The packet's rendered payload; its `decoded` is a fresh copy on every call (parsed from the
   * kept JSON text, far cheaper than decoding the protobuf again), so a caller may keep it.
   */
  render(packet: PayloadSource): RenderedPayload {
    let entry = this.#entries.get(packet.id);
    if (
      entry !== undefined &&
      entry.importTimeUs === packet.import_time_us &&
      entry.toNodeId === packet.to_node_id
    ) {
      // Moved to the newest end of the map's order.
      this.#entries.delete(packet.id);
      this.#entries.set(packet.id, entry);
    } else {
      const rendered = renderPayload(packet.payload, packet.to_node_id);
      this.#decodes += 1;
      entry = {
        importTimeUs: packet.import_time_us,
        toNodeId: packet.to_node_id,
        text: rendered.text,
        decodedJson: rendered.decoded === null ? null : JSON.stringify(rendered.decoded),
        replyId: rendered.replyId,
        wantResponse: rendered.wantResponse,
      };
      this.#entries.delete(packet.id);
      this.#entries.set(packet.id, entry);
      if (this.#entries.size > this.#capacity) {
        this.#entries.delete(this.#entries.keys().next().value!);
      }
      // Just made, and kept only as text: the caller may have this one.
      return rendered;
    }
    return {
      text: entry.text,
      decoded: entry.decodedJson === null ? null : (JSON.parse(entry.decodedJson) as JsonValue),
      replyId: entry.replyId,
      wantResponse: entry.wantResponse,
    };
  }

  get size(): number {
    return this.#entries.size;
  }

  /** How many payloads were decoded (not found in the cache) since it was made. */
  get decodes(): number {
    return this.#decodes;
  }
}
