import type { StreamEventId } from './stream-event-id.js';

/** One packet event, framed as it goes on the wire. */
export interface StreamEvent {
  readonly at: StreamEventId;
  /** `<import_time_us>:<id>`. */
  readonly key: string;
  /** `id: …\nevent: packet\ndata: …\n\n`. */
  readonly frame: string;
  /** The frame's length in UTF-8 bytes. */
  readonly bytes: number;
}
