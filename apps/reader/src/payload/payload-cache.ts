import type { Selectable } from 'kysely';
import type { Database } from '@meshview/db';
import { renderPayload, type RenderedPayload } from './rendered-payload.js';

/** The packet fields a payload's rendering depends on; the payload as any bytes. */
export type PayloadSource = Readonly<
  Pick<Selectable<Database['packet']>, 'id' | 'import_time_us' | 'to_node_id'> & {
    payload: Uint8Array | null;
  }
>;

interface Entry {
  readonly importTimeUs: number | null;
  readonly toNodeId: number | null;
  readonly rendered: RenderedPayload;
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

  constructor(capacity = 50_000) {
    this.#capacity = capacity;
  }

  render(packet: PayloadSource): RenderedPayload {
    const entry = this.#entries.get(packet.id);
    if (
      entry !== undefined &&
      entry.importTimeUs === packet.import_time_us &&
      entry.toNodeId === packet.to_node_id
    ) {
      // Moved to the newest end of the map's order.
      this.#entries.delete(packet.id);
      this.#entries.set(packet.id, entry);
      return entry.rendered;
    }
    const rendered = renderPayload(packet.payload, packet.to_node_id);
    this.#entries.delete(packet.id);
    this.#entries.set(packet.id, {
      importTimeUs: packet.import_time_us,
      toNodeId: packet.to_node_id,
      rendered,
    });
    if (this.#entries.size > this.#capacity) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    return rendered;
  }

  get size(): number {
    return this.#entries.size;
  }
}
