import type { ServerResponse } from 'node:http';
import { isAfter, type StreamEventId } from './stream-event-id.js';
import type { StreamEvent } from './stream-event.js';

/** What a {@link StreamClient} writes to and whom it tells when it is gone. */
export interface StreamClientProps {
  /** The hijacked response, its head already written. */
  readonly response: ServerResponse;
  /** Unsent bytes beyond which the client is dropped. */
  readonly maxBufferedBytes: number;
  /** Called once, when the connection closed (`slow`: dropped at the byte limit). */
  readonly onGone: (client: StreamClient, slow: boolean) => void;
}

/**
 * One connected client of the event stream. Events are written as they come, unless the client
 * is still being caught up from the database (`hold`), when they wait in order. A client whose
 * unsent bytes (Node's buffer and the socket's) are past the limit when more is to be sent is
 * dropped: the reader never holds more than the limit and one read's events for a client that
 * does not read; it reconnects and resumes.
 */
export class StreamClient {
  readonly #props: StreamClientProps;
  #gone = false;
  /** Events waiting while the client is caught up; `null` when live. */
  #held: StreamEvent[] | null = null;
  #heldBytes = 0;
  /** Events at or before this are not sent (a resume the database served). */
  #floor: StreamEventId | null = null;

  constructor(props: StreamClientProps) {
    this.#props = props;
    const { response } = props;
    // The client may have gone while the stream was starting.
    if (response.destroyed || response.socket === null || response.socket.destroyed) {
      this.#gone = true;
      return;
    }
    response.on('close', () => this.#leave(false));
    // A write racing the peer's reset; the 'close' that follows does the cleanup.
    response.on('error', () => {});
  }

  get gone(): boolean {
    return this.#gone;
  }

  /** Holds the events from now on until {@link release}; none at or before `floor` is sent. */
  hold(floor: StreamEventId): void {
    this.#held = [];
    this.#floor = floor;
  }

  /** Sends `replay`, then what was held, and from then on each event as it comes. */
  release(replay: readonly StreamEvent[]): void {
    const held = this.#held ?? [];
    this.#held = null;
    this.#heldBytes = 0;
    this.#write([...replay, ...held].filter((event) => this.#wanted(event)));
  }

  /**
   * Sends one read's new events (or holds them). A client still holding more than the byte limit
   * unsent from before is dropped instead: a burst larger than the limit reaches a client that
   * keeps up, and one that does not is never buffered for beyond the limit and one read.
   */
  send(events: readonly StreamEvent[]): void {
    if (this.#gone) return;
    const wanted = events.filter((event) => this.#wanted(event));
    if (wanted.length === 0) return;
    if (this.#held !== null) {
      if (this.#heldBytes > this.#props.maxBufferedBytes) return this.#drop();
      for (const event of wanted) {
        this.#held.push(event);
        this.#heldBytes += event.bytes;
      }
      return;
    }
    this.#write(wanted);
  }

  /** A comment line (`: text`), which clients ignore and proxies see as traffic. */
  comment(text: string): void {
    if (this.#gone || this.#held !== null) return;
    this.#write([{ frame: `: ${text}\n\n` }]);
  }

  /** Ends the response (the reader is stopping). */
  end(): void {
    if (this.#gone) return;
    this.#props.response.end();
  }

  #wanted(event: StreamEvent): boolean {
    return this.#floor === null || isAfter(event.at, this.#floor);
  }

  #write(frames: readonly Pick<StreamEvent, 'frame'>[]): void {
    if (this.#gone) return;
    const { response, maxBufferedBytes } = this.#props;
    if (response.writableLength > maxBufferedBytes) return this.#drop();
    for (const { frame } of frames) response.write(frame);
  }

  #drop(): void {
    this.#leave(true);
    this.#props.response.destroy();
  }

  #leave(slow: boolean): void {
    if (this.#gone) return;
    this.#gone = true;
    this.#held = null;
    this.#props.onGone(this, slow);
  }
}
