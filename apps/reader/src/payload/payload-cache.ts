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

/** What a listed packet's JSON text starts its payload with (see {@link PayloadCache.tail}). */
const PAYLOAD_KEY = '"payload":';

interface Entry {
  /** Asked for since the drop walk last passed it: it is passed over once more (see #add). */
  used: boolean;
  readonly importTimeUs: number | null;
  readonly toNodeId: number | null;
  /**
   * The packet's JSON from its `payload` member to its end, one flat string (see
   * {@link PayloadCache.tail}).
   */
  readonly tail: string;
  /** Where the payload's JSON string ends in `tail`; the members after it follow its comma. */
  readonly payloadEnd: number;
}

/** What an entry costs beside its text: the entry, its string's header, the map's slot. */
const ENTRY_OVERHEAD_BYTES = 96;

/**
 * Rendered payloads by packet id, as JSON text, those not asked for lately dropped first. A stored
 * packet never changes (the writer keeps the first gateway's copy), and pollers and node pages
 * ask for the same rows again, so decoding each packet once keeps `/api/packets` fast. An entry
 * counts only for the same import time and receiver: a packet id deleted by retention and used
 * again is rendered anew.
 *
 * Entries are kept as text, not as the objects the decoded data parses to: tens of thousands of
 * object trees in the old generation made every full garbage collection mark them all (30–110 ms
 * pauses under the benchmark's random requests). For the same reason each entry is one flat
 * string (see {@link flat}).
 */
export class PayloadCache {
  readonly #entries = new Map<number, Entry>();
  readonly #maxBytes: number;
  #bytes = 0;
  #decodes = 0;
  /**
   * Where dropping goes on: a walk of the entries in the order they were added, kept from one
   * drop to the next and begun again at the start when it reaches the end (the "clock" of a
   * second-chance cache). An entry asked for since the walk last passed it is passed over once
   * more, its mark cleared; the first one found unmarked is dropped. So an entry stays while it
   * is asked for, as in a least-recently-used list, but a hit only sets a mark. Moving the entry
   * to the newest end on each hit (a delete and an insert in the map) was 6 % of the event
   * loop's busy time under varied node pages; with marks, the benchmark's node pages replayed
   * on the cache took a fifth less time, with the same misses.
   */
  #hand: MapIterator<[number, Entry]> | undefined;

  /**
   * `maxBytes`: the text kept at most, with each entry's overhead. The default, 32 MB, holds
   * about 100,000 payloads of a busy mesh (about 210 bytes of text each): the newest 50 packets
   * of 2,000 nodes, which the node pages ask for.
   */
  constructor(maxBytes = 32 * 1024 * 1024) {
    this.#maxBytes = maxBytes;
  }

  /**
   * The end of the packet's JSON as `/api/packets` lists it, rendered now or kept from before:
   * `"payload":` and the JSON string of its text, then the members after it (`"decoded":{…}`,
   * with `reply_id` and `want_response` when there) and the packet's closing `}`. An answer
   * splices it in after the packet's other members without parsing or serialising the decoded
   * data again.
   */
  tail(packet: PayloadSource): string {
    return this.#entry(packet).tail;
  }

  /** The packet's payload as MeshView shows it (`payload`), rendered now or kept from before. */
  text(packet: PayloadSource): string {
    return payloadText(this.#entry(packet));
  }

  /**
   * The packet's rendered payload as data; its `decoded` is a fresh copy on every call (parsed
   * from the kept text, far cheaper than decoding the protobuf again), so a caller may keep it.
   */
  render(packet: PayloadSource): RenderedPayload {
    const entry = this.#kept(packet);
    if (entry === undefined) {
      const rendered = renderPayload(packet.payload, packet.to_node_id);
      this.#add(packet, rendered);
      // Just made, and kept only as text: the caller may have this one.
      return rendered;
    }
    const members = JSON.parse(`{${entry.tail.slice(entry.payloadEnd + 1)}`) as {
      decoded: JsonValue | null;
      reply_id?: number;
      want_response?: boolean;
    };
    return {
      text: payloadText(entry),
      decoded: members.decoded,
      replyId: members.reply_id ?? null,
      wantResponse: members.want_response ?? false,
    };
  }

  /** The packet's entry, kept from before or rendered and added now. */
  #entry(packet: PayloadSource): Entry {
    return (
      this.#kept(packet) ?? this.#add(packet, renderPayload(packet.payload, packet.to_node_id))
    );
  }

  /** The packet's entry when it is kept and still its own, marked as asked for. */
  #kept(packet: PayloadSource): Entry | undefined {
    const entry = this.#entries.get(packet.id);
    if (
      entry === undefined ||
      entry.importTimeUs !== packet.import_time_us ||
      entry.toNodeId !== packet.to_node_id
    ) {
      return undefined;
    }
    entry.used = true;
    return entry;
  }

  #add(packet: PayloadSource, rendered: RenderedPayload): Entry {
    this.#decodes += 1;
    const payload = JSON.stringify(rendered.text);
    const members = JSON.stringify({
      decoded: rendered.decoded,
      ...(rendered.replyId !== null ? { reply_id: rendered.replyId } : {}),
      ...(rendered.wantResponse ? { want_response: true } : {}),
    });
    const entry: Entry = {
      used: false,
      importTimeUs: packet.import_time_us,
      toNodeId: packet.to_node_id,
      // `members` without its `{`: its `}` closes the packet.
      tail: flat(`${PAYLOAD_KEY}${payload},${members.slice(1)}`),
      payloadEnd: PAYLOAD_KEY.length + payload.length,
    };
    const old = this.#entries.get(packet.id);
    if (old !== undefined) {
      this.#entries.delete(packet.id);
      this.#bytes -= weight(old);
    }
    this.#entries.set(packet.id, entry);
    this.#bytes += weight(entry);
    while (this.#bytes > this.#maxBytes) {
      let next = this.#hand?.next();
      if (next === undefined || next.done === true) {
        this.#hand = this.#entries.entries();
        next = this.#hand.next();
      }
      const [id, met] = next.value as [number, Entry];
      if (met === entry) {
        if (this.#entries.size === 1) {
          // Bigger than the budget alone: kept until the next one.
          this.#hand = undefined;
          break;
        }
        // The one just added, met before the others were passed: not dropped for its own sake.
        continue;
      }
      if (met.used) {
        met.used = false;
        continue;
      }
      this.#entries.delete(id);
      this.#bytes -= weight(met);
    }
    return entry;
  }

  /** Payloads kept. */
  get size(): number {
    return this.#entries.size;
  }

  /** Their weight in bytes: their text and each entry's overhead. */
  get bytes(): number {
    return this.#bytes;
  }

  /** How many payloads were decoded (not found in the cache) since it was made. */
  get decodes(): number {
    return this.#decodes;
  }
}

const weight = (entry: Entry): number => entry.tail.length + ENTRY_OVERHEAD_BYTES;

/** An entry's payload as MeshView shows it: the JSON string after `"payload":`, parsed. */
const payloadText = (entry: Entry): string =>
  JSON.parse(entry.tail.slice(PAYLOAD_KEY.length, entry.payloadEnd)) as string;

/**
 * `text` as one sequential string. V8 keeps a concatenation (and JSON.stringify's output here)
 * as a tree of its pieces, and a rendered payload's text is built of many: kept in the cache,
 * each tree was dozens of objects for every full collection to mark (heap snapshots of a loaded
 * reader: 126,000 concatenated strings behind 95,000 entries). Encoding to UTF-8 and back copies
 * it into one; JSON text holds no lone surrogate, which the round trip would replace.
 */
function flat(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
